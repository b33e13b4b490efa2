import { feeFromNote } from './fee-note.js';
import type { Procedure, RequiredDocument, SubmissionMethod } from './procedure.js';

type Lang = 'vi' | 'en';

/** The method citizens at the counter use: "Trực tiếp" when offered, else the first. */
export function inPersonMethod(p: Procedure): SubmissionMethod | undefined {
  return p.methods.find((m) => /trực tiếp/i.test(m.method)) ?? p.methods[0];
}

/** "10.000" for 10000 ("10,000" in English). */
export function groupThousands(n: number, lang: Lang = 'vi'): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
}

/**
 * A fee as said and shown everywhere (procedure detail, voice, assistant, printed checklist):
 * "miễn phí", "10.000 đồng" ("free", "10,000 dong"), or the portal's text tidied; empty when
 * unknown.
 */
export function feePhrase(m: SubmissionMethod, lang: Lang = 'vi'): string {
  const text = m.fee.trim();
  if (m.feeAmount === 0) return lang === 'vi' ? 'miễn phí' : 'free';
  if (!text && m.feeAmount === undefined) {
    // The fee column says "no information" but the method's note may state the fee.
    const noted = feeFromNote(m.note);
    return noted ? feePhrase({ ...m, ...noted, note: '' }, lang) : '';
  }
  if (!text) return '';
  const tidy = text
    .replace(/(\d{1,3})((?:,\d{3})+)(?!\d)/g, (_s, a: string, b: string) => a + b.replace(/,/g, '.'))
    .replace(/\s*(việt nam đồng|vnđ|vnd|đồng)(?!\p{L})/giu, ' đồng')
    .replace(/\s+/g, ' ')
    .trim();
  if (m.feeAmount !== undefined && m.feeAmount > 0 && /^[\d.]+ đồng$/u.test(tidy)) {
    return lang === 'vi'
      ? `${groupThousands(m.feeAmount)} đồng`
      : `${groupThousands(m.feeAmount, 'en')} dong`;
  }
  const said =
    lang === 'vi'
      ? tidy
      : // "70.000 đồng" -> "70,000 dong" inside the portal's own words.
        tidy
          .replace(/miễn phí|miễn lệ phí/giu, 'free')
          .replace(/không quy định phí, lệ phí/giu, 'no fee is set')
          .replace(/^do hội đồng nhân dân cấp tỉnh quyết định$/iu, "set by the provincial People's Council")
          .replace(/(?<!\p{L})từ (.+?) đến (.+?) tùy trường hợp/iu, '$1 to $2 depending on the case')
          .replace(
            /(\d{1,3})((?:\.\d{3})+)(?!\d)/gu,
            (_s, a: string, b: string) => a + b.replace(/\./gu, ','),
          )
          .replace(/(?<!\p{L})đồng(?!\p{L})/giu, 'dong')
          // "20.000 đồng/giấy": the unit stays Vietnamese in the catalog; in English, "each".
          .replace(/dong\s*\/\s*\p{L}[\p{L} ]*/gu, 'dong each');
  return said.length > 120 ? `${said.slice(0, 117)}…` : said;
}

/** The units the portal writes times in, in English (singular; an "s" makes the plural). */
const TIME_UNIT_EN: Readonly<Record<string, string>> = {
  'ngày làm việc': 'working day',
  ngày: 'day',
  'giờ làm việc': 'working hour',
  giờ: 'hour',
  tháng: 'month',
};

/** "3 ngày làm việc", "1 working day", "3 working days". */
export function timeAmount(value: number, unit: string, lang: Lang): string {
  const n = lang === 'vi' ? String(value).replace('.', ',') : String(value);
  if (lang === 'vi') return `${n} ${unit}`;
  const en = TIME_UNIT_EN[unit.toLocaleLowerCase('vi')];
  return en ? `${n} ${en}${value === 1 ? '' : 's'}` : `${n} ${unit}`;
}

/** A processing time as said and shown everywhere: "5 ngày làm việc"; empty when unknown. */
export function timePhrase(m: SubmissionMethod, lang: Lang = 'vi'): string {
  const t = m.processingTime.trim();
  if (!t) return '';
  const bare = /^(\d+(?:[.,]\d+)?)$/u.exec(t);
  // The portal often drops the unit ("Trực tuyến1Miễn phí"); its usual unit is working days.
  if (bare?.[1]) return timeAmount(Number(bare[1].replace(',', '.')), 'ngày làm việc', lang);
  const unit = /^(\d+(?:[.,]\d+)?)\s+(ngày làm việc|ngày|giờ làm việc|giờ|tháng)$/iu.exec(t);
  if (unit?.[1] && unit[2])
    return timeAmount(Number(unit[1].replace(',', '.')), unit[2].toLocaleLowerCase('vi'), lang);
  const lower = t.toLocaleLowerCase('vi');
  return (lower.length > 120 ? `${lower.slice(0, 117)}…` : lower).replace(/\s+/g, ' ');
}

const NOT_STATED = { vi: 'chưa có thông tin', en: 'not stated' } as const;

/** The fee for a screen line: `feePhrase`, or "chưa có thông tin". */
export function feeText(m: SubmissionMethod | undefined, lang: Lang): string {
  return (m && feePhrase(m, lang)) || NOT_STATED[lang];
}

/** The processing time for a screen line: `timePhrase`, or "chưa có thông tin". */
export function timeText(m: SubmissionMethod | undefined, lang: Lang): string {
  return (m && timePhrase(m, lang)) || NOT_STATED[lang];
}

/** How the steps state a time limit: "trong thời hạn 03 ngày làm việc", "chậm nhất là 5 ngày". */
const STEP_TIME =
  /(?:trong (?:thời hạn|vòng|thời gian)|chậm nhất(?: là)?|không quá)\s+(\d{1,3}(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ làm việc|giờ|tháng)(?!\p{L})/iu;

/**
 * The processing time the steps state when the method table has none (the portal's table often
 * says "Không có thông tin" while step 2 says "trong thời hạn 03 ngày làm việc kể từ ngày nhận
 * hồ sơ"): the first time limit in the steps, as catalog text, or undefined.
 */
export function stepsTime(p: Procedure): { value: number; unit: string } | undefined {
  for (const step of p.steps) {
    const m = STEP_TIME.exec(step.normalize('NFC'));
    if (m?.[1] && m[2]) return { value: Number(m[1].replace(',', '.')), unit: m[2].toLocaleLowerCase('vi') };
  }
  return undefined;
}

/** The method's name in `lang` ("Trực tiếp" / "In person"). */
export function methodName(m: SubmissionMethod, lang: Lang): string {
  if (lang === 'vi') return m.method;
  if (/trực tiếp/iu.test(m.method)) return 'In person';
  if (/trực tuyến/iu.test(m.method)) return 'Online';
  if (/bưu chính/iu.test(m.method)) return 'By post';
  return m.method;
}

/** Whether the procedure can be submitted online (on the national portal). */
export function canSubmitOnline(p: Procedure): boolean {
  return p.methods.some((m) => /trực tuyến/iu.test(m.method));
}

/** "Giấy chứng sinh (1 bản chính, 1 bản sao)". */
export function documentLine(d: RequiredDocument, lang: Lang): string {
  const counts: string[] = [];
  const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  if (d.originals)
    counts.push(lang === 'vi' ? `${d.originals} bản chính` : n(d.originals, 'original', 'originals'));
  if (d.copies) counts.push(lang === 'vi' ? `${d.copies} bản sao` : n(d.copies, 'copy', 'copies'));
  const name = d.name.trim().replace(/[.;:]+$/, '');
  return counts.length ? `${name} (${counts.join(', ')})` : name;
}

const CONDITIONAL = /^(trường hợp|nếu|đối với|riêng|khi)(\s|$)/iu;
const HEADING = /(các giấy tờ sau|như sau|sau đây|gồm)\s*:?\s*$|:\s*$/iu;
/** A condition inside the item's own first clause: "... trong trường hợp ủy quyền", "(nếu có)". */
const CONDITION_IN_CLAUSE = /(?<!\p{L})(trong trường hợp|đối với trường hợp|nếu có)(?!\p{L})/iu;
/** A parenthesised condition: "(nếu ... trực tuyến)". */
const CONDITION_IN_PARENS = /\(([^)]*(?<!\p{L})(nếu|trường hợp)(?!\p{L})[^)]*)\)/giu;
/** A condition that holds for a citizen at the counter: "(nếu ... nộp hồ sơ ... trực tiếp ...)". */
const IN_PERSON = /trực tiếp/iu;
/** The declaration form the citizen fills in: read first. */
const FORM = /^(tờ khai|bản khai|đơn|phiếu|mẫu đơn|văn bản đề nghị|giấy đề nghị|tờ trình)(?!\p{L})/iu;
/** The citizen's identity document: read right after the form. */
const IDENTITY =
  /^(hộ chiếu|thẻ căn cước|căn cước|chứng minh nhân dân|giấy chứng nhận căn cước|giấy tờ tùy thân|giấy tờ tuỳ thân|bản sao giấy tờ tùy thân)(?!\p{L})/iu;

/** The item's first clause: up to its first sentence end or semicolon (alternatives follow). */
function firstClause(name: string): string {
  return name.split(/[;.](\s|$)/u)[0] ?? name;
}

/**
 * Whether a document is needed only in some cases: the portal's "Trường hợp ..." items and rules
 * (often not documents at all), items whose own first clause is conditional ("... trong trường hợp
 * ủy quyền"), "(nếu có)", and parenthesised conditions that do not hold at the counter ("(nếu ...
 * trực tuyến)"); a group headed "Trường hợp ..." makes all its items conditional.
 */
export function isConditional(d: RequiredDocument): boolean {
  const name = d.name.trim();
  if (CONDITIONAL.test(name) || (d.group !== undefined && CONDITIONAL.test(d.group.trim()))) return true;
  const clause = firstClause(name);
  for (const m of clause.matchAll(CONDITION_IN_PARENS)) if (!IN_PERSON.test(m[1] ?? '')) return true;
  return CONDITION_IN_CLAUSE.test(clause.replace(CONDITION_IN_PARENS, ''));
}

const rank = (d: RequiredDocument): number => {
  const name = d.name.trim();
  return FORM.test(name) ? 0 : IDENTITY.test(name) ? 1 : 2;
};

/**
 * Documents in the order a citizen needs them: what everyone brings first (the declaration form,
 * then the ID, then the rest in the portal's order), then what applies only in some cases
 * (`isConditional`); the portal's list headings ("... các giấy tờ sau") dropped.
 */
export function orderedDocuments(p: Procedure): {
  always: RequiredDocument[];
  conditional: RequiredDocument[];
} {
  const docs = p.documents.filter((d) => d.name.trim() && !HEADING.test(d.name.trim()));
  const always = docs.filter((d) => !isConditional(d));
  return {
    always: always
      .map((d, i) => ({ d, i }))
      .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
      .map((x) => x.d),
    conditional: docs.filter(isConditional),
  };
}
