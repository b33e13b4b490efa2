import { CCCD_PROVINCE_CODES } from './province-codes.js';

/**
 * The 12-digit personal identification number: 3 digits of province code, 1 digit of gender and
 * century (0/1 male/female born 1900-1999, 2/3 born 2000-2099, 4/5 2100-2199, ...), 2 digits of the
 * birth year, 6 random digits (Nghị định 137/2015/NĐ-CP, Thông tư 59/2021/TT-BCA).
 */
export type IdNumberProblem = 'not-12-digits' | 'unknown-province' | 'birth-year' | 'gender';

export interface IdNumberCheck {
  /** Birth date as "YYYY-MM-DD" or a year, when known: digits 4-6 must match it. */
  birthYear?: number;
  gender?: 'Nam' | 'Nữ';
}

/** Checks a number's structure, and against the holder's birth year and gender when given. */
export function checkIdNumber(id: string, against: IdNumberCheck = {}): IdNumberProblem | undefined {
  if (!/^\d{12}$/.test(id)) return 'not-12-digits';
  if (!(id.slice(0, 3) in CCCD_PROVINCE_CODES)) return 'unknown-province';
  const code = Number(id[3]);
  const century = Math.floor(code / 2);
  if (against.birthYear !== undefined) {
    const year = 1900 + century * 100 + Number(id.slice(4, 6));
    if (year !== against.birthYear) return 'birth-year';
  }
  if (against.gender !== undefined && (code % 2 === 1 ? 'Nữ' : 'Nam') !== against.gender) return 'gender';
  return undefined;
}
