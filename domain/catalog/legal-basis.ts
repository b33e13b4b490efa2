import type { LegalDocument } from './procedure.js';

/**
 * The portal's legal basis table (`can_cu_phap_ly`), flattened by the crawl into one string of
 * rows "title" + "number" with no separator: "…thi hành Luật Hộ tịch123/2015/NĐ-CPThông tư…".
 * A row ends at a document number glued to its title (or to a year ending the title, "Luật Cư
 * trú 202068/2020/QH14") and followed by the next row's capital letter or the end. The number's
 * issuer part ("NĐ-CP", "TT-BCA", "QH14") is read segment by segment against the known codes so
 * the next row's first letter is not taken into it ("NĐ-CPNghị định…", "TT-BCAngày 01/7/2025").
 */

/** Known segments of a number's type/issuer part, longest first when read. */
const SEGMENTS = [
  'NĐ',
  'ND',
  'TT',
  'QĐ',
  'NQ',
  'TTLT',
  'NQLT',
  'VBHN',
  'L',
  'CT',
  'CTN',
  'CP',
  'TTg',
  'BCA',
  'BTC',
  'BTP',
  'BNV',
  'NV',
  'BYT',
  'BXD',
  'BCT',
  'BQP',
  'BNG',
  'BHXH',
  'CSXH',
  'UBND',
  'HĐND',
  'HĐTP',
  'NHNN',
  'BTNMT',
  'BNNPTNT',
  'BNNMT',
  'BNN',
  'BLĐTBXH',
  'BGDĐT',
  'BKHĐT',
  'BKHCN',
  'BGTVT',
  'BTTTT',
  'BVHTTDL',
  'BDTTG',
  'TANDTC',
  'VKSNDTC',
  'VPCP',
  'VPQH',
  'UBTVQH',
  'UBT',
  'KTNN',
  'BTTTT',
].sort((a, b) => b.length - a.length);

/** A number's own digits: "123", "66.7" (resolutions numbered by topic); an optional year. */
const NUMBER = /(\d+(?:\.\d{1,2})?)(?:\/(?:(\d{4})\/)?|-(?=CP))/gu;
/** A type word the code column sometimes repeats before the number ("Thông tư số 03/2023/TT-BTP"). */
const KIND_WORD =
  /(?:Luật|Bộ luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Pháp lệnh|Chỉ thị|Văn bản hợp nhất)\s+(?:số\s*)?$/u;

const KINDS: [RegExp, string][] = [
  [/^(NĐ|ND)(-|$)/u, 'Nghị định'],
  [/^TTLT(-|$)/u, 'Thông tư liên tịch'],
  [/^TT(-|$)/u, 'Thông tư'],
  [/^QĐ(-|$)/u, 'Quyết định'],
  [/^(NQ|NQLT)(-|$)/u, 'Nghị quyết'],
  [/^VBHN(-|$)/u, 'Văn bản hợp nhất'],
  [/^CT(-|$)/u, 'Chỉ thị'],
  [/^(QH\d|L-CTN)/u, 'Luật'],
];

/** The type of document a number names: "123/2015/NĐ-CP" → "Nghị định"; "" when unknown. */
export function documentKind(number: string): string {
  const issuer = number.slice(number.lastIndexOf('/') + 1);
  return KINDS.find(([re]) => re.test(issuer))?.[1] ?? '';
}

/** Reads the type/issuer part at `at` ("NĐ-CP", "QH14", "TTLT-BTP-BCA-BYT"); its length or 0. */
function readIssuer(text: string, at: number): number {
  let pos = at;
  for (;;) {
    const rest = text.slice(pos);
    const qh = /^(?:UBTV)?QH\d{0,2}/u.exec(rest)?.[0];
    const known = qh ?? SEGMENTS.find((s) => rest.startsWith(s));
    let len = known?.length ?? 0;
    if (!known) {
      // An unknown code: its capitals, leaving the last one when a lower-case letter follows
      // (that capital starts the next row's first word).
      len = /^\p{Lu}+/u.exec(rest)?.[0].length ?? 0;
      if (len > 1 && /^\p{Ll}/u.test(rest.slice(len))) len--;
    }
    if (len === 0) return pos - at;
    pos += len;
    if (text[pos] === '-' && /\p{Lu}/u.test(text[pos + 1] ?? '')) pos++;
    else return pos - at;
  }
}

interface Candidate {
  /** Where the row's number starts, type word included ("Thông tư số 03/…"). */
  start: number;
  end: number;
  number: string;
  /** A year glued in front of the number ("…Cư trú 2020" + "68/2020/QH14"), part of the title. */
  yearGlued: boolean;
}

function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    let digitsAt = m.index;
    let digits = m[1] ?? '';
    const issuerAt = m.index + m[0].length;
    const issuerLen = readIssuer(text, issuerAt);
    if (issuerLen === 0) continue;
    let yearGlued = false;
    if (/^(19|20)\d\d\d/u.test(digits) && digits.length > 4) {
      digitsAt += 4;
      digits = digits.slice(4);
      yearGlued = true;
    }
    const kindWord = KIND_WORD.exec(text.slice(Math.max(0, digitsAt - 40), digitsAt));
    const end = issuerAt + issuerLen;
    out.push({
      start: kindWord && !yearGlued ? digitsAt - kindWord[0].length : digitsAt,
      end,
      number: `${digits}${m[0].endsWith('-') ? '-' : '/'}${m[2] ? `${m[2]}/` : ''}${text.slice(issuerAt, end).replace(/-$/, '')}`,
      yearGlued,
    });
    NUMBER.lastIndex = end;
  }
  return out;
}

/** Whether a number ends a row: glued to the title before it and followed by a new row or the end. */
function endsRow(text: string, c: Candidate, rowStart: number): boolean {
  const before = text[c.start - 1];
  const glued = c.yearGlued || c.start === rowStart || (before !== undefined && !/\s/u.test(before));
  const after = text.slice(c.end);
  return glued && /^(\s*$|\s*\p{Lu}|[.;,]\s*\p{Lu})/u.test(after);
}

const DATE_SLASH = /^[\s,]*(?:ban hành\s+)?ngày\s*(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})/iu;
const DATE_WORDS = /^[\s,]*(?:ban hành\s+)?ngày\s*(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;

function isoDate(d: string, m: string, y: string): string | undefined {
  const day = Number(d);
  const month = Number(m);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The number as a pattern; "NĐ" and "ND" both match (the portal writes either). */
const numberPattern = (s: string): string =>
  s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&').replace(/Đ|D/gu, '[ĐD]');

/**
 * One row: its number, the date it was issued when the title gives it right after the number
 * ("Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ…"), and its title without them
 * ("Nghị định của Chính phủ quy định chi tiết…").
 */
function legalDocument(rawTitle: string, number: string): LegalDocument {
  let title = rawTitle.replace(/\s+/gu, ' ').trim();
  let date: string | undefined;
  const own = new RegExp(`^(.*?)(?:\\s+số)?\\s*${numberPattern(number)}`, 'u').exec(title);
  if (own) {
    const after = title.slice(own[0].length);
    const d = DATE_SLASH.exec(after) ?? DATE_WORDS.exec(after);
    if (d) date = isoDate(d[1] ?? '', d[2] ?? '', d[3] ?? '');
    const rest = date && d ? after.slice(d[0].length) : after;
    // The number opens the title ("Thông tư 57/2021/TT-BCA…"): the title is its type + the rest.
    if (own[1] !== undefined && own[1].length <= 30 && !/\d/u.test(own[1]))
      title = `${own[1].trim() || documentKind(number)} ${rest.replace(/^[\s,:.-]+/u, '')}`.trim();
    else if (date && d) title = `${own[0]}${rest}`.trim();
  }
  title = title.replace(/[\s.;,:]+$/u, '');
  if (!title) title = documentKind(number);
  return date ? { number, date, title } : { number, title };
}

const LEGAL_HEADER = 'Tên văn bản pháp lýMã văn bản';

/**
 * `can_cu_phap_ly` → one `LegalDocument` per row; `problems` names the text no number ends
 * (it is left out: a title without its number cannot be looked up).
 */
export function parseLegalBasis(raw: string): { value: LegalDocument[]; problems: string[] } {
  let text = raw.normalize('NFC').replace(/[ \t\u00a0]+/gu, ' ');
  if (text.startsWith(LEGAL_HEADER)) text = text.slice(LEGAL_HEADER.length);
  text = text.trim();
  if (!text || text === 'Không có thông tin') return { value: [], problems: [] };
  const value: LegalDocument[] = [];
  const problems: string[] = [];
  let rowStart = 0;
  for (const c of candidates(text)) {
    if (c.start < rowStart || !endsRow(text, c, rowStart)) continue;
    const title = text.slice(rowStart, c.start).replace(/^[\s.;,]+/u, '');
    value.push(legalDocument(title, c.number));
    rowStart = c.end;
  }
  const tail = text
    .slice(rowStart)
    .replace(/^[\s.;,]+/u, '')
    .trim();
  // The crawl sometimes cuts the last number short ("…của Chính phủ167/2025"): the title names it whole.
  const cut = /(\d+\/\d{4})\/?$/u.exec(tail);
  const whole =
    cut && new RegExp(`(?<!\\d)${numberPattern(cut[1] ?? '')}\\/[\\p{Lu}][\\p{L}\\d-]*`, 'u').exec(tail);
  if (cut && whole) {
    const number = whole[0].slice(
      0,
      (cut[1] ?? '').length + 1 + readIssuer(whole[0], (cut[1] ?? '').length + 1),
    );
    value.push(legalDocument(tail.slice(0, cut.index), number));
  } else if (tail) {
    const clip = tail.length > 80 ? `${tail.slice(0, 80)}…` : tail;
    problems.push(`legalBasis: no document number ends "${clip}"`);
  }
  return { value, problems };
}

/** "Số 123/2015/NĐ-CP, ngày 15/11/2015" / "No. 123/2015/NĐ-CP of 15/11/2015". */
export function legalDocumentLine(d: LegalDocument, lang: 'vi' | 'en'): string {
  const date = d.date ? d.date.split('-').reverse().join('/') : '';
  if (lang === 'vi') return `Số ${d.number}${date ? `, ngày ${date}` : ''}`;
  return `No. ${d.number}${date ? ` of ${date}` : ''}`;
}
