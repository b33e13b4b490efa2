import { spokenTicket, type TicketReadingStyle } from './vietnamese-numbers.js';

/**
 * How a ticket number is read aloud: the letter, then each digit ("A-025" -> "A, không, hai, năm"),
 * as Vietnamese call systems do; `style: 'number'` reads "A, hai mươi lăm".
 */
export function spokenTicketNumber(number: string, style: TicketReadingStyle = 'digits'): string {
  return spokenTicket(number, style);
}
