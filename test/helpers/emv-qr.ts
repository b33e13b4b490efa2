/**
 * An EMVCo merchant-presented QR reader written apart from the kiosk's encoder
 * (domain/payment/vietqr.ts), so the tests check its payloads independently.
 */

/** The TLV fields of an EMVCo payload: id → value (nested ones read with readTlv again). */
export function readTlv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const id = text.slice(at, at + 2);
    const len = Number(text.slice(at + 2, at + 4));
    if (!/^\d\d$/.test(id) || !Number.isInteger(len)) throw new Error(`bad TLV at ${at}`);
    out.set(id, text.slice(at + 4, at + 4 + len));
    at += 4 + len;
  }
  if (at !== text.length) throw new Error('TLV overruns the payload');
  return out;
}

/** CRC-16/CCITT-FALSE, bit by bit (the encoder uses a table). */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const b of Buffer.from(text)) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** What a VietQR (NAPAS) payload says, once its CRC is checked; throws on a bad CRC. */
export function readVietQr(payload: string): {
  amount: string | undefined;
  bin: string | undefined;
  account: string | undefined;
  content: string | undefined;
  currency: string | undefined;
  guid: string | undefined;
} {
  if (payload.slice(-4) !== crc16(payload.slice(0, -4))) throw new Error(`bad CRC: ${payload}`);
  const top = readTlv(payload);
  const merchant = readTlv(top.get('38') ?? '');
  const beneficiary = readTlv(merchant.get('01') ?? '');
  return {
    amount: top.get('54'),
    bin: beneficiary.get('00'),
    account: beneficiary.get('01'),
    content: readTlv(top.get('62') ?? '').get('08'),
    currency: top.get('53'),
    guid: merchant.get('00'),
  };
}
