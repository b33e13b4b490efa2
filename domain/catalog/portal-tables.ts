import type { RequiredDocument, SubmissionMethod } from './procedure.js';

/**
 * Parsers for the National Public Service Portal's tables, which the crawl flattened into one
 * string with no separators (see ../shared/data/README.md). Each returns what it parsed plus
 * `problems`: human-readable reasons a part could not be parsed.
 */

export interface Parsed<T> {
  value: T;
  problems: string[];
}

/** The portal's marker for "no information". */
export const NO_INFO = 'Không có thông tin';

/** Trims, collapses inner whitespace and turns the portal's "no information" into "". */
export function cleanText(text: string | undefined): string {
  const t = (text ?? '')
    .normalize('NFC')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
  return t === NO_INFO || t === '-' || t === '--' ? '' : t;
}

const METHOD_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const METHOD_NAMES = ['Trực tuyến', 'Trực tiếp', 'Dịch vụ bưu chính'] as const;
/** A method name that starts a row: followed by the time column (a number or "no information"). */
const METHOD_START = new RegExp(`(${METHOD_NAMES.join('|')})(?=\\s*(?:\\d|Không|Miễn phí))`, 'g');
const TIME_UNITS = ['Ngày làm việc', 'Giờ làm việc', 'Ngày', 'Giờ', 'Tháng', 'Năm', 'Tuần', 'Phút'];
const UNIT_RE = TIME_UNITS.join('|');
const CURRENCY = '(?:Việt Nam Đồng|VNĐ|Đồng|đồng|USD)';
/** An amount written with thousands separators (1,500,000 / 1.500.000) or a plain number. */
const AMOUNT = '(?:[1-9]\\d{0,2}(?:[.,]\\d{3})+|[1-9]\\d*|0)';

/** "1,500,000" → 1500000; "0.5" → 0.5. */
function toNumber(text: string): number {
  if (/^\d{1,3}([.,]\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ''));
  return Number(text.replace(',', '.'));
}

interface FeeParse {
  fee: string;
  feeAmount?: number;
  rest: string;
}

/** Parses the fee column at the start of `text`: "Miễn phí", "no information" or an amount. */
function parseFee(text: string): FeeParse | undefined {
  if (text.startsWith('Miễn phí')) return { fee: 'Miễn phí', feeAmount: 0, rest: text.slice(8) };
  if (text.startsWith(NO_INFO)) return { fee: '', rest: text.slice(NO_INFO.length) };
  const m = new RegExp(`^(${AMOUNT})\\s*(${CURRENCY})`).exec(text);
  if (!m) return undefined;
  const currency = m[2] === 'USD' ? 'USD' : 'Đồng';
  const amount = toNumber(m[1] ?? '');
  return {
    fee: `${(m[1] ?? '').replace(/,/g, '.')} ${currency}`,
    ...(currency === 'Đồng' ? { feeAmount: amount } : {}),
    rest: text.slice(m[0].length),
  };
}

/** Parses one row's body (after the method name): time, fee, description. */
function parseMethodRow(method: string, body: string): SubmissionMethod | undefined {
  const text = body.trimStart();
  if (text.startsWith(NO_INFO)) {
    const fee = parseFee(text.slice(NO_INFO.length));
    if (!fee) return undefined;
    return withNote({ method, processingTime: '', fee: fee.fee }, fee);
  }
  // Time: a number, then an optional unit. Without a unit the number runs into the fee
  // ("Trực tuyến120,000 VNĐ" = 1 + 20,000), so try the shortest number that leaves a valid fee.
  const num = /^\d+(?:[.,]\d+)?/.exec(text)?.[0] ?? '';
  for (let len = 1; len <= num.length; len++) {
    const timeText = num.slice(0, len);
    if (timeText.endsWith('.') || timeText.endsWith(',')) continue;
    const after = text.slice(len).trimStart();
    const unit = new RegExp(`^(${UNIT_RE})`).exec(after)?.[1] ?? '';
    const fee = parseFee(after.slice(unit.length).trimStart());
    if (!fee) continue;
    const value = toNumber(timeText);
    return withNote(
      {
        method,
        processingTime: unit ? `${timeText} ${unit}` : timeText,
        fee: fee.fee,
        processingTimeValue: value,
        processingTimeUnit: unit,
      },
      fee,
    );
  }
  // Free text in the time column ("Không quy định", "Không phải trả kết quả ..."): keep it as written.
  const feeAt = new RegExp(`Miễn phí|${NO_INFO}|${AMOUNT}\\s*${CURRENCY}`).exec(text);
  if (feeAt && feeAt.index > 0 && feeAt.index <= 120) {
    const fee = parseFee(text.slice(feeAt.index));
    const time = cleanText(text.slice(0, feeAt.index));
    if (fee)
      return withNote({ method, processingTime: /^không$/i.test(time) ? '' : time, fee: fee.fee }, fee);
  }
  return undefined;
}

function withNote(method: SubmissionMethod, fee: FeeParse): SubmissionMethod {
  const out: SubmissionMethod = { ...method };
  if (fee.feeAmount !== undefined) out.feeAmount = fee.feeAmount;
  let note = cleanText(fee.rest);
  while (/^\(.*\)$/s.test(note)) note = cleanText(note.slice(1, -1));
  if (note) out.note = note;
  return out;
}

/** `cach_thuc_thuc_hien`: rows of method + time + fee + description. */
export function parseMethods(raw: string): Parsed<SubmissionMethod[]> {
  const text = cleanText(raw.startsWith(METHOD_HEADER) ? raw.slice(METHOD_HEADER.length) : raw);
  const problems: string[] = [];
  if (!text) return { value: [], problems };
  const starts = [...text.matchAll(METHOD_START)];
  if (starts.length === 0) {
    return {
      value: [],
      problems: [`methods: no "Trực tiếp/Trực tuyến/Dịch vụ bưu chính" row in "${clip(text)}"`],
    };
  }
  const value: SubmissionMethod[] = [];
  starts.forEach((m, i) => {
    const begin = (m.index ?? 0) + (m[1] ?? '').length;
    const end = starts[i + 1]?.index ?? text.length;
    const method = m[1] ?? '';
    const row = parseMethodRow(method, text.slice(begin, end));
    if (row) value.push(row);
    else problems.push(`methods: cannot read time/fee of "${method}" in "${clip(text.slice(begin, end))}"`);
  });
  return { value, problems };
}

const DOC_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';
/** Quantity column ending a row: "1 bản chính", "0 bản chính,1 bản sao", "1 bản sao". */
const QTY = /(\d{1,2}) bản chính(?:\s*,\s*(\d{1,2}) bản sao)?|(\d{1,2}) bản sao/g;
const FORM_FILE = /\.(?:docx?|pdf|xlsx?|rtf|odt)$/i;

/** Drops a form file name glued to the end of a document name ("... NĐ-CPMau13.docx"). */
function stripFormFile(name: string): string {
  if (!FORM_FILE.test(name)) return name;
  const body = name.replace(FORM_FILE, '');
  // The file name starts at the last glued boundary: lower→Upper, ")"/digit→letter, "CP"+"Mau".
  const boundary = /(?<=[\p{Ll}).;:])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\))(?=\d)/gu;
  let cut = -1;
  for (const m of body.matchAll(boundary)) if ((m.index ?? 0) > body.length - 90) cut = m.index ?? cut;
  return cut > 0 ? body.slice(0, cut) : body;
}

function cleanDocName(raw: string): string {
  return cleanText(
    stripFormFile(cleanText(raw))
      .replace(/^[-+•*\s]+/, '')
      .replace(/[;:,\s]+$/, ''),
  );
}

/** `thanh_phan_ho_so`: groups ("* Giấy tờ phải nộp:") of rows "name[form file]N bản chính[,M bản sao]". */
export function parseDocuments(raw: string): Parsed<RequiredDocument[]> {
  const text = cleanText(raw);
  const problems: string[] = [];
  if (!text) return { value: [], problems };
  const parts = text.split(DOC_HEADER);
  if (parts.length === 1) {
    return { value: [], problems: [`documents: no table header in "${clip(text)}"`] };
  }
  const value: RequiredDocument[] = [];
  let group = groupTitle(parts[0] ?? '');
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? '';
    let last = 0;
    for (const m of part.matchAll(QTY)) {
      const at = m.index ?? 0;
      // A count inside the text ("...: 01 bản chụp;") follows a space; a row's count is glued.
      const atEnd = at + m[0].length >= part.trimEnd().length;
      if (at > 0 && /\s/.test(part[at - 1] ?? '') && !atEnd) continue;
      let digits = m[1] ?? m[3] ?? '';
      let start = at;
      // "...ngày 31/12/20251 bản chính": the count is the last digit only.
      if (digits.length === 2 && at > 0 && /\d/.test(part[at - 1] ?? '')) {
        digits = digits.slice(1);
        start += 1;
      }
      const name = cleanDocName(part.slice(last, start));
      last = at + m[0].length;
      if (!name) continue;
      const doc: RequiredDocument = { name };
      const originals = m[1] !== undefined ? Number(digits) : 0;
      const copies = m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? Number(digits) : 0;
      doc.originals = originals;
      doc.copies = copies;
      if (group) doc.group = group;
      if (!/^lưu ý/i.test(group)) value.push(doc);
    }
    const tail = part.slice(last);
    if (i < parts.length - 1) group = groupTitle(tail);
    else if (cleanText(tail))
      problems.push(`documents: text after the last row has no count: "${clip(tail)}"`);
  }
  if (value.length === 0 && problems.length === 0 && !/không quy định/i.test(text)) {
    problems.push(`documents: no rows with a count in "${clip(text)}"`);
  }
  return { value, problems };
}

function groupTitle(text: string): string {
  return cleanText(text.replace(/^[-*\s\d.]+/, '').replace(/[:\s]+$/, ''));
}

const RESULT_END = /(Từ khóa|Chọn cơ quan thực hiện)/;

/** `ket_qua_xu_ly`: result documents "NameMã: KQ.x" followed by page furniture to drop. */
export function parseResult(raw: string): string {
  const text = cleanText(raw);
  const cut = RESULT_END.exec(text);
  const body = cut ? text.slice(0, cut.index) : text;
  return body
    .split(/Mã: ?[A-Z]+\.[A-Z]*\d+\.\d+/)
    .map((s) => cleanText(s))
    .filter((s) => s !== '')
    .join('; ');
}

/** `trinh_tu_thuc_hien`: one step per non-empty line. */
export function parseSteps(raw: string): string[] {
  return (raw ?? '')
    .normalize('NFC')
    .split(/\r?\n/)
    .map((s) => cleanText(s))
    .filter((s) => s !== '');
}

/** "Cấp xã, Cấp tỉnh" → ["xa", "tinh"]. */
export function parseLevels(raw: string): string[] {
  const map: Record<string, string> = {
    'cấp xã': 'xa',
    'cấp tỉnh': 'tinh',
    'cấp bộ': 'bo',
    'cấp huyện': 'huyen',
    'cơ quan khác': 'khac',
  };
  return cleanText(raw)
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
    .map((s) => map[s] ?? s);
}

function clip(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
