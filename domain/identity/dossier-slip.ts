/**
 * Dossier numbers (mã hồ sơ) as printed on the appointment slip (giấy tiếp nhận hồ sơ và hẹn
 * trả kết quả), e.g. "000.00.12.H26-251125-0001" or "H26.22.12-251125-0003". The slip's barcode or
 * QR holds the number itself, or a status-lookup link carrying it as a query parameter.
 */
export type DossierParse = { ok: true; dossierNumber: string } | { ok: false; reason: string };

const NUMBER = /^[A-Z0-9](?:[A-Z0-9.\-_/]){4,39}$/;
const URL_PARAMS = ['mahoso', 'ma_ho_so', 'sohoso', 'so_ho_so', 'code', 'dossier', 'id'];

/** Normalizes what a citizen typed or a scanner read into a dossier number. */
export function parseDossierSlip(raw: string): DossierParse {
  const text = raw.normalize('NFC').trim();
  if (!text) return { ok: false, reason: 'empty: type or scan the dossier number' };
  let candidate = text;
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, reason: 'not a valid link' };
    }
    const param = [...url.searchParams.entries()].find(([k]) => URL_PARAMS.includes(k.toLowerCase()));
    if (!param) return { ok: false, reason: 'the link carries no dossier number (maHoSo=...)' };
    candidate = param[1];
  }
  candidate = candidate.replace(/\s+/g, '').toUpperCase();
  if (candidate.includes('|')) return { ok: false, reason: 'this is an ID card QR, not an appointment slip' };
  if (!NUMBER.test(candidate))
    return { ok: false, reason: 'a dossier number is 5-40 letters, digits, dots or dashes' };
  if (!/\d/.test(candidate)) return { ok: false, reason: 'a dossier number contains digits' };
  return { ok: true, dossierNumber: candidate };
}

/** True when a scan is probably an appointment slip (routes scans on the home screen). */
export function looksLikeDossierSlip(raw: string): boolean {
  return parseDossierSlip(raw).ok && /[.-]/.test(raw);
}
