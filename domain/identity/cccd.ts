/**
 * The QR code printed on a Vietnamese chip-based citizen identity card (CCCD / thẻ căn cước):
 * one UTF-8 line, `|`-separated,
 * `số CCCD|số CMND cũ|Họ tên|ngày sinh ddmmyyyy|Nam/Nữ|Nơi thường trú|ngày cấp ddmmyyyy`.
 * Newer cards may append fields; the first 7 are read by position and the rest ignored.
 */
export interface CccdCard {
  /** 12-digit personal identification number. Personal: never log it (use hashPersonalId). */
  idNumber: string;
  /** Old 9-digit CMND number, or "" when absent. */
  oldIdNumber: string;
  fullName: string;
  /** Date of birth "YYYY-MM-DD". */
  dateOfBirth: string;
  gender: 'Nam' | 'Nữ';
  address: string;
  /** Issue date "YYYY-MM-DD". */
  issuedOn: string;
  /**
   * Present when the card parses but looks damaged in transit, e.g. the scanner dropped the
   * Vietnamese diacritics (keyboard-wedge scanner in the wrong mode).
   */
  warning?: CccdWarning;
}

export type CccdWarning = 'diacritics-lost';

export type CccdProblem =
  | 'not-cccd'
  | 'too-few-fields'
  | 'bad-id-number'
  | 'bad-old-id-number'
  | 'missing-name'
  | 'bad-birth-date'
  | 'bad-gender'
  | 'missing-address'
  | 'bad-issue-date'
  | 'inconsistent';

export type CccdParse = { ok: true; card: CccdCard } | { ok: false; problem: CccdProblem; reason: string };

/** Explains a problem to the citizen, in both languages, without echoing the data. */
export const CCCD_PROBLEM_TEXT: Record<CccdProblem, { vi: string; en: string }> = {
  'not-cccd': {
    vi: 'Mã vừa quét không phải mã QR trên thẻ căn cước.',
    en: 'That code is not an ID card QR code.',
  },
  'too-few-fields': {
    vi: 'Mã QR trên thẻ đọc chưa đủ thông tin. Vui lòng quét lại.',
    en: 'The card QR code was read incompletely. Please scan it again.',
  },
  'bad-id-number': {
    vi: 'Số căn cước đọc được không hợp lệ. Vui lòng quét lại.',
    en: 'The ID number read is not valid. Please scan again.',
  },
  'bad-old-id-number': {
    vi: 'Số CMND cũ đọc được không hợp lệ. Vui lòng quét lại.',
    en: 'The old ID number read is not valid. Please scan again.',
  },
  'missing-name': { vi: 'Không đọc được họ tên trên thẻ.', en: 'The name could not be read from the card.' },
  'bad-birth-date': {
    vi: 'Ngày sinh đọc được không hợp lệ. Vui lòng quét lại.',
    en: 'The date of birth read is not valid. Please scan again.',
  },
  'bad-gender': {
    vi: 'Không đọc được giới tính trên thẻ.',
    en: 'The gender could not be read from the card.',
  },
  'missing-address': { vi: 'Không đọc được nơi thường trú trên thẻ.', en: 'The address could not be read.' },
  'bad-issue-date': {
    vi: 'Ngày cấp thẻ đọc được không hợp lệ. Vui lòng quét lại.',
    en: 'The issue date read is not valid. Please scan again.',
  },
  inconsistent: {
    vi: 'Thông tin trên thẻ không khớp nhau. Vui lòng quét lại hoặc hỏi cán bộ.',
    en: 'The card data does not add up. Please scan again or ask the staff.',
  },
};

/** Cheap check used to route scans: 12 digits then `|`. */
export function looksLikeCccd(raw: string): boolean {
  return /^\s*[0-9A-Za-z]{9,13}\|/.test(raw) && raw.split('|').length >= 5;
}

function parseDate(ddmmyyyy: string): { iso: string; time: number } | undefined {
  const m = /^(\d\d)(\d\d)(\d{4})$/.exec(ddmmyyyy);
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const time = Date.UTC(year, month - 1, day);
  const d = new Date(time);
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return { iso: `${m[3]}-${m[2]}-${m[1]}`, time };
}

const fail = (problem: CccdProblem, reason: string): CccdParse => ({ ok: false, problem, reason });

/** Vietnamese letters beyond ASCII: a real card's name/address almost always contains some. */
const VIETNAMESE_MARKS = /[À-ỹĐđ]/u;

/**
 * Parses and validates a CCCD QR. Reasons name the field but never echo personal values, so they
 * are safe to log. `now` bounds dates (no birth or issue date in the future).
 */
export function parseCccdQr(raw: string, now: number = Date.now()): CccdParse {
  const text = raw.normalize('NFC').replace(/[\r\n]+$/, '');
  const fields = text.split('|');
  if (fields.length < 2) return fail('not-cccd', 'not a CCCD QR: no "|" separated fields');
  if (fields.length < 7)
    return fail('too-few-fields', `CCCD QR must have at least 7 "|" separated fields, got ${fields.length}`);
  const [id, oldId, name, dob, gender, address, issued] = fields.map((f) => f.trim()) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^\d{12}$/.test(id))
    return fail('bad-id-number', `field 1 (số CCCD): must be 12 digits, got ${id.length} characters`);
  if (oldId !== '' && !/^\d{9}$/.test(oldId))
    return fail(
      'bad-old-id-number',
      `field 2 (số CMND): must be 9 digits or empty, got ${oldId.length} characters`,
    );
  const fullName = name.replace(/\s+/g, ' ');
  if (!fullName || /\d/.test(fullName))
    return fail('missing-name', 'field 3 (họ tên): must be a name without digits');
  const birth = parseDate(dob);
  if (!birth || birth.time > now)
    return fail('bad-birth-date', 'field 4 (ngày sinh): must be a real past date ddmmyyyy');
  if (gender !== 'Nam' && gender !== 'Nữ')
    return fail('bad-gender', 'field 5 (giới tính): must be "Nam" or "Nữ"');
  if (!address) return fail('missing-address', 'field 6 (nơi thường trú): is empty');
  const issue = parseDate(issued);
  if (!issue || issue.time > now)
    return fail('bad-issue-date', 'field 7 (ngày cấp): must be a real past date ddmmyyyy');
  if (issue.time < birth.time) return fail('inconsistent', 'ngày cấp is before ngày sinh');
  // Digit 4 of the number encodes gender and century: 0/1 = male/female born 1900-1999, 2/3 = 2000-2099.
  const code = Number(id[3]);
  const year = Number(birth.iso.slice(0, 4));
  const century = Math.floor((year - 1900) / 100);
  const expected = century * 2 + (gender === 'Nữ' ? 1 : 0);
  if (century >= 0 && century <= 4 && code !== expected)
    return fail('inconsistent', 'số CCCD digit 4 does not match the gender and birth century');
  const card: CccdCard = {
    idNumber: id,
    oldIdNumber: oldId,
    fullName,
    dateOfBirth: birth.iso,
    gender,
    address: address.replace(/\s+/g, ' '),
    issuedOn: issue.iso,
  };
  if (!VIETNAMESE_MARKS.test(fullName + address)) card.warning = 'diacritics-lost';
  return { ok: true, card };
}

/** The fields an e-form (tờ khai) is pre-filled with. */
export interface PrefilledForm {
  hoTen: string;
  ngaySinh: string;
  gioiTinh: string;
  noiThuongTru: string;
  soDinhDanh: string;
}

const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function prefillForm(card: CccdCard): PrefilledForm {
  return {
    hoTen: card.fullName,
    ngaySinh: dmy(card.dateOfBirth),
    gioiTinh: card.gender,
    noiThuongTru: card.address,
    soDinhDanh: card.idNumber,
  };
}

/** "•••••••• 2345": enough for the citizen to recognise their number, not for a bystander to copy. */
export function maskIdNumber(id: string): string {
  return `${'•'.repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`;
}

/** The gender as a screen in `lang` writes it: the card's "Nam" / "Nữ", or "Male" / "Female". */
export function genderName(card: Pick<CccdCard, 'gender'>, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return card.gender;
  return card.gender === 'Nam' ? 'Male' : card.gender === 'Nữ' ? 'Female' : card.gender;
}

/** Polite address by gender, as in Vietnamese administrative speech ("ông" / "bà"). */
export function honorific(card: Pick<CccdCard, 'gender'>, lang: 'vi' | 'en'): string {
  if (lang === 'en') return card.gender === 'Nam' ? 'Mr' : 'Ms';
  return card.gender === 'Nam' ? 'ông' : 'bà';
}
