const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/**
 * How a ticket number is read aloud: the letter, then each digit ("A-025" -> "A, không, hai, năm"),
 * as Vietnamese call systems do.
 */
export function spokenTicketNumber(number: string): string {
  const parts: string[] = [];
  for (const ch of number) {
    if (/[0-9]/.test(ch)) parts.push(DIGITS[Number(ch)] as string);
    else if (/[A-Za-z]/.test(ch)) parts.push(ch.toUpperCase());
  }
  return parts.join(', ');
}
