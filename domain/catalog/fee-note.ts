/**
 * The fee a submission method's note states when the portal's fee column says "Không có
 * thông tin": "Lệ phí : 20.000 Đồng (…: 20.000 đồng/giấy.)", "thu năm mươi nghìn đồng/lần",
 * "Không quy định phí, lệ phí", "Phí, lệ phí (nếu có): Hội đồng nhân dân cấp tỉnh quyết định".
 * Only sentences about a fee count (a fine or a capital in đồng is no fee); nothing is guessed.
 */

export interface NoteFee {
  /** As said: "20.000 đồng/giấy", "từ 20.000 đồng đến 50.000 đồng tùy trường hợp", "không quy định phí, lệ phí". */
  fee: string;
  /** In đồng, when the note gives one amount (the smallest when several). */
  feeAmount?: number;
}

const DIGITS: Readonly<Record<string, number>> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
};
const SCALES: Readonly<Record<string, number>> = {
  trăm: 100,
  nghìn: 1_000,
  ngàn: 1_000,
  triệu: 1_000_000,
  tỷ: 1_000_000_000,
  tỉ: 1_000_000_000,
};

/**
 * A Vietnamese amount in words or figures, before "đồng": "năm mươi nghìn" 50000, "một trăm
 * hai mươi lăm nghìn" 125000, "1,5 triệu" 1500000, "20.000" 20000, "50 nghìn" 50000.
 * Undefined when the words are not a number.
 */
export function vietnameseAmount(text: string): number | undefined {
  const words = text.toLocaleLowerCase('vi').normalize('NFC').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return undefined;
  let total = 0;
  let group = 0; // below a thousand
  let current = 0; // the last digit or figure
  let seen = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (/^\d{1,3}(?:[.,]\d{3})+$/u.test(w)) {
      current += Number(w.replace(/[.,]/gu, ''));
    } else if (/^\d+(?:[.,]\d+)?$/u.test(w)) {
      current += Number(w.replace(',', '.'));
    } else if (w === 'mươi' || w === 'chục') {
      current = (current || 1) * 10;
    } else if (w === 'linh' || w === 'lẻ') {
      group += current;
      current = 0;
    } else if (w in DIGITS) {
      const d = DIGITS[w] as number;
      // "hai mươi lăm": the digit after tens adds; "mười" is ten.
      current = d === 10 ? current + 10 : current % 10 === 0 && current > 0 ? current + d : d;
    } else if (w === 'trăm') {
      group += (current || 1) * 100;
      current = 0;
    } else if (w in SCALES) {
      const scale = SCALES[w] as number;
      total += (group + current || 1) * scale;
      group = 0;
      current = 0;
    } else {
      return undefined;
    }
    seen = true;
  }
  const n = total + group + current;
  return seen && Number.isFinite(n) ? Math.round(n) : undefined;
}

/** "20.000" for 20000. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
}

const NUMBER_WORD =
  '(?:\\d[\\d.,]*|không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|chục|linh|lẻ|trăm|nghìn|ngàn|triệu|tỷ|tỉ)';
/** An amount followed by its currency, and what it is per ("/giấy", "/lần"). */
const AMOUNT = new RegExp(
  `((?:${NUMBER_WORD}\\s+)*${NUMBER_WORD})\\s*(?:việt nam đồng|vnđ|vnd|đồng)(?!\\p{L})(\\s*\\/\\s*[\\p{L} ]{1,20}?(?=[\\s.;,)]|$))?`,
  'giu',
);
/** A sentence about a fee: names it, or says "thu" (collects) an amount. */
const ABOUT_FEE = /(?<!\p{L})(?:phí|lệ phí|thu)(?!\p{L})/iu;
const NO_FEE = /không (?:quy định|thu)(?:[^.;\n]{0,40}?)(?:phí|lệ phí)|miễn (?:phí|lệ phí)/iu;
const DECIDED_BY = /(?:phí|lệ phí)[^.;\n]{0,30}?:\s*(Hội đồng nhân dân cấp tỉnh quyết định)/iu;

/** The fee a method's note states, or undefined when it states none. */
export function feeFromNote(note: string | undefined): NoteFee | undefined {
  const text = (note ?? '').normalize('NFC');
  if (!text.trim()) return undefined;
  const amounts: { n: number; per: string }[] = [];
  for (const sentence of text.split(/\n|;|(?<=\.)\s/u)) {
    if (!ABOUT_FEE.test(sentence)) continue;
    for (const m of sentence.matchAll(AMOUNT)) {
      const n = vietnameseAmount(m[1] ?? '');
      if (n === undefined || n <= 0) continue;
      amounts.push({ n, per: (m[2] ?? '').replace(/\s+/gu, '').toLocaleLowerCase('vi') });
    }
  }
  if (amounts.length > 0) {
    const distinct = [...new Set(amounts.map((a) => a.n))].sort((a, b) => a - b);
    const first = amounts.find((a) => a.n === distinct[0]) ?? amounts[0];
    if (distinct.length === 1 && first) {
      return { fee: `${grouped(first.n)} đồng${first.per}`, feeAmount: first.n };
    }
    const low = distinct[0] as number;
    const high = distinct[distinct.length - 1] as number;
    return { fee: `từ ${grouped(low)} đồng đến ${grouped(high)} đồng tùy trường hợp` };
  }
  if (NO_FEE.test(text)) {
    return /miễn (?:phí|lệ phí)/iu.test(text) && !/không quy định/iu.test(text)
      ? { fee: 'Miễn phí', feeAmount: 0 }
      : { fee: 'không quy định phí, lệ phí' };
  }
  const decided = DECIDED_BY.exec(text);
  if (decided) return { fee: `do ${decided[1] ?? ''}` };
  return undefined;
}
