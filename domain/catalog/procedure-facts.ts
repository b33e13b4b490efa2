import type { Procedure, RequiredDocument, SubmissionMethod } from './procedure.js';

type Lang = 'vi' | 'en';

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

/** "Giấy chứng sinh (1 bản chính, 1 bản sao)". */
export function documentLine(d: RequiredDocument, lang: Lang): string {
  const counts: string[] = [];
  if (d.originals) counts.push(lang === 'vi' ? `${d.originals} bản chính` : `${d.originals} original(s)`);
  if (d.copies) counts.push(lang === 'vi' ? `${d.copies} bản sao` : `${d.copies} copy(ies)`);
  const name = d.name.trim().replace(/[.;:]+$/, '');
  return counts.length ? `${name} (${counts.join(', ')})` : name;
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
