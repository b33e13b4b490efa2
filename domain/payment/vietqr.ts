import { stripDiacritics } from '../search/normalize.js';

/** The centre's bank account the fees are paid into (config `payment`). */
export interface PaymentAccount {
  /** NAPAS bank identification number (BIN), 6 digits, e.g. "970436" (Vietcombank). */
  bankBin: string;
  accountNumber: string;
  accountName: string;
}

/** One EMVCo data object: 2-digit id, 2-digit length, value. */
function tlv(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`EMVCo field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
    table[n] = c & 0xffff;
  }
  return table;
})();

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as EMVCo field 63 wants, in 4 upper-case hex digits. */
export function emvCrc(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8'))
    crc = ((crc << 8) ^ (CRC_TABLE[((crc >> 8) ^ byte) & 0xff] ?? 0)) & 0xffff;
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Transfer content as banks accept it: no diacritics, letters, digits, spaces, dots and dashes, at most 25. */
export function transferContent(text: string): string {
  return stripDiacritics(text)
    .replace(/[^A-Za-z0-9 .-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 25);
}

/** Why a payment QR cannot be made; undefined when the account is usable. */
export function accountProblem(account: Partial<PaymentAccount> | undefined): string | undefined {
  if (!account?.bankBin || !account.accountNumber)
    return 'payment.bankBin and payment.accountNumber are not set';
  if (!/^\d{6}$/.test(account.bankBin)) return 'payment.bankBin must be the 6-digit NAPAS BIN of the bank';
  if (!/^[0-9A-Za-z]{4,19}$/.test(account.accountNumber))
    return 'payment.accountNumber must be 4-19 letters or digits';
  return undefined;
}

/**
 * The VietQR payload (NAPAS EMVCo merchant-presented QR, "chuyển tiền nhanh 24/7 đến tài khoản"):
 * payment format 01, dynamic (12), NAPAS GUID A000000727 with the bank BIN and account, service
 * QRIBFTTA, currency 704 (đồng), the amount, country VN, the content in field 62.08, CRC in 63.
 */
export function vietQrPayload(account: PaymentAccount, amount: number, content: string): string {
  const problem = accountProblem(account);
  if (problem) throw new TypeError(problem);
  if (!Number.isInteger(amount) || amount <= 0 || amount > 9_999_999_999)
    throw new RangeError(`amount must be a whole number of đồng above 0, got ${amount}`);
  const beneficiary = tlv('00', account.bankBin) + tlv('01', account.accountNumber);
  const merchant = tlv('00', 'A000000727') + tlv('01', beneficiary) + tlv('02', 'QRIBFTTA');
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    tlv('54', String(amount)) +
    tlv('58', 'VN') +
    tlv('62', tlv('08', transferContent(content))) +
    '6304';
  return body + emvCrc(body);
}
