import type { Procedure, RequiredDocument, SubmissionMethod } from '../../domain/catalog/procedure.js';
import type { Lang } from '../localize.js';

const UNITS = ['', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** Small counting numbers as spoken ("một", "mười lăm", "hai mươi mốt"); digits beyond 99. */
export function vietnameseCount(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return UNITS[n] as string;
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  const head = tens === 1 ? 'mười' : `${UNITS[tens]} mươi`;
  if (unit === 0) return head;
  if (unit === 5) return `${head} lăm`;
  if (unit === 1 && tens > 1) return `${head} mốt`;
  if (unit === 4 && tens > 1) return `${head} tư`;
  return `${head} ${UNITS[unit]}`;
}

/** The method citizens at the counter use: "Trực tiếp" when offered, else the first. */
export function inPersonMethod(p: Procedure): SubmissionMethod | undefined {
  return p.methods.find((m) => /trực tiếp/i.test(m.method)) ?? p.methods[0];
}

export function feeText(m: SubmissionMethod | undefined, lang: Lang): string {
  const fee = m?.fee.trim();
  if (!fee) return lang === 'vi' ? 'chưa có thông tin' : 'not stated';
  return fee;
}

export function timeText(m: SubmissionMethod | undefined, lang: Lang): string {
  const t = m?.processingTime.trim();
  if (!t) return lang === 'vi' ? 'chưa có thông tin' : 'not stated';
  // The portal often drops the unit ("Trực tuyến1Miễn phí"); its usual unit is working days.
  if (/^\d+([.,]\d+)?$/.test(t)) return lang === 'vi' ? `${t} ngày làm việc` : `${t} working day(s)`;
  return t;
}

export function documentLine(d: RequiredDocument, lang: Lang): string {
  const counts: string[] = [];
  if (d.originals) counts.push(lang === 'vi' ? `${d.originals} bản chính` : `${d.originals} original(s)`);
  if (d.copies) counts.push(lang === 'vi' ? `${d.copies} bản sao` : `${d.copies} copy(ies)`);
  const name = d.name.trim().replace(/[.;:]+$/, '');
  return counts.length ? `${name} (${counts.join(', ')})` : name;
}

function documentCount(p: Procedure): number {
  const { always, conditional } = orderedDocuments(p);
  return always.length + conditional.length;
}

/** Short summary read when the detail opens. */
export function procedureSummary(p: Procedure, lang: Lang): string {
  const m = inPersonMethod(p);
  if (lang === 'en')
    return (
      `${p.name}. Fee: ${feeText(m, lang)}. Processing time: ${timeText(m, lang)}.` +
      (p.where ? ` Submit at: ${p.where}.` : '') +
      ` You need ${documentCount(p)} document(s). Press 2 to hear them, 3 to take a queue number.`
    );
  return (
    `Thủ tục ${p.name.replace(/^thủ tục\s+/iu, '')}. Lệ phí: ${feeText(m, lang)}. Thời gian giải quyết: ${timeText(m, lang)}.` +
    (p.where ? ` Nơi nộp: ${p.where}.` : '') +
    ` Cần ${vietnameseCount(documentCount(p))} loại giấy tờ. Bấm số 2 để nghe các giấy tờ cần mang, số 3 để lấy số thứ tự.`
  );
}

const CONDITIONAL = /^(trường hợp|nếu|đối với|riêng)(\s|$)/iu;
const HEADING = /(các giấy tờ sau|như sau|sau đây)\s*:?\s*$|:\s*$/iu;

/**
 * Documents in the order a citizen needs them: what everyone brings first, then what applies
 * only in some cases ("Trường hợp ..."); the portal's list headings ("... các giấy tờ sau") dropped.
 */
export function orderedDocuments(p: Procedure): {
  always: RequiredDocument[];
  conditional: RequiredDocument[];
} {
  const docs = p.documents.filter((d) => d.name.trim() && !HEADING.test(d.name.trim()));
  return {
    always: docs.filter((d) => !CONDITIONAL.test(d.name.trim())),
    conditional: docs.filter((d) => CONDITIONAL.test(d.name.trim())),
  };
}

/** "Bạn cần mang: một, tờ khai ...; hai, ..." then the case-by-case documents. */
export function documentsSpeech(p: Procedure, lang: Lang): string {
  const { always, conditional } = orderedDocuments(p);
  if (always.length + conditional.length === 0)
    return lang === 'vi'
      ? 'Thủ tục này chưa có danh sách giấy tờ. Vui lòng hỏi cán bộ tại quầy.'
      : 'No document list is given for this procedure. Please ask at the counter.';
  const spoken = (d: RequiredDocument, i: number): string =>
    `${lang === 'vi' ? vietnameseCount(i + 1) : i + 1}, ${documentLine(d, lang).replace(/[.;]+$/, '')}`;
  const parts: string[] = [];
  if (always.length)
    parts.push(`${lang === 'vi' ? 'Bạn cần mang' : 'Please bring'}: ${always.map(spoken).join('; ')}.`);
  if (conditional.length)
    parts.push(
      `${lang === 'vi' ? 'Ngoài ra, tùy trường hợp' : 'Depending on your case'}: ${conditional
        .map((d, i) => spoken(d, always.length + i))
        .join('; ')}.`,
    );
  return parts.join(' ');
}
