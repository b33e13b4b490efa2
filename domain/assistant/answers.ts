import { legalDocumentLine } from '../catalog/legal-basis.js';
import type { Procedure, SubmissionMethod } from '../catalog/procedure.js';
import {
  canSubmitOnline,
  documentLine,
  inPersonMethod,
  orderedDocuments,
} from '../catalog/procedure-facts.js';
import type { AssistantSlot } from './slots.js';

/**
 * The assistant's replies: one or two short Vietnamese sentences built only from the catalog's
 * fields. Amounts are written the Vietnamese way ("10.000 đồng", read aloud "mười nghìn đồng" by
 * the voice). When the catalog has no value the reply says so and points to the counter: no
 * figure is ever made up.
 */

export const ASK_AT_COUNTER = 'xin hỏi cán bộ tại quầy';

/** A procedure's name as said in a sentence: without the "Thủ tục" prefix, cut when very long. */
export function shortName(p: Procedure, max = 90): string {
  const name = p.name.replace(/^thủ tục\s+/iu, '').trim();
  const first = name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:(\s]+$/u, '')}…`;
}

/** "10.000" for 10000. */
export function groupThousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A fee as said: "miễn phí", "10.000 đồng", or the portal's text tidied; empty when unknown. */
export function feePhrase(m: SubmissionMethod): string {
  const text = m.fee.trim();
  if (m.feeAmount === 0) return 'miễn phí';
  if (!text) return '';
  const tidy = text
    .replace(/(\d{1,3})((?:,\d{3})+)(?!\d)/g, (_s, a: string, b: string) => a + b.replace(/,/g, '.'))
    .replace(/\s*(việt nam đồng|vnđ|vnd|đồng)(?!\p{L})/giu, ' đồng')
    .replace(/\s+/g, ' ')
    .trim();
  if (m.feeAmount !== undefined && m.feeAmount > 0 && /^[\d.]+ đồng$/u.test(tidy)) {
    return `${groupThousands(m.feeAmount)} đồng`;
  }
  return tidy.length > 120 ? `${tidy.slice(0, 117)}…` : tidy;
}

/** A processing time as said: "5 ngày làm việc"; empty when unknown. */
export function timePhrase(m: SubmissionMethod): string {
  const t = m.processingTime.trim();
  if (!t) return '';
  const bare = /^(\d+(?:[.,]\d+)?)$/u.exec(t);
  // The portal often drops the unit ("Trực tuyến1Miễn phí"); its usual unit is working days.
  if (bare) return `${bare[1]?.replace('.', ',')} ngày làm việc`;
  const lower = t.toLocaleLowerCase('vi');
  return (lower.length > 120 ? `${lower.slice(0, 117)}…` : lower).replace(/\s+/g, ' ');
}

const METHOD_SAID: Readonly<Record<string, string>> = {
  'trực tiếp': 'nộp trực tiếp',
  'trực tuyến': 'nộp trực tuyến',
  'dịch vụ bưu chính': 'gửi qua bưu điện',
};

function methodSaid(m: SubmissionMethod): string {
  return METHOD_SAID[m.method.trim().toLocaleLowerCase('vi')] ?? m.method.toLocaleLowerCase('vi');
}

/** "nộp trực tiếp 10.000 đồng, nộp trực tuyến 5.000 đồng", or one value when all methods agree. */
function perMethod(p: Procedure, phrase: (m: SubmissionMethod) => string): string {
  const known = p.methods.map((m) => ({ m, v: phrase(m) })).filter((x) => x.v !== '');
  if (known.length === 0) return '';
  const distinct = new Set(known.map((x) => x.v));
  if (distinct.size === 1) return known[0]?.v ?? '';
  // The counter's method first: that is how the citizen in front of the kiosk will submit.
  const inPerson = inPersonMethod(p);
  known.sort((a, b) => Number(b.m === inPerson) - Number(a.m === inPerson));
  return known.map((x) => `${methodSaid(x.m)} ${x.v}`).join(', ');
}

const sentence = (s: string): string => {
  const t = s.trim().replace(/[\s.;,:]+$/u, '');
  return `${t.charAt(0).toLocaleUpperCase('vi')}${t.slice(1)}.`;
};

function firstSentence(text: string, max = 160): string {
  const one = (text.split(/(?<=[.;])\s|\n/u)[0] ?? text).trim();
  return one.length > max ? `${one.slice(0, max - 1).replace(/\s+\S*$/u, '')}…` : one;
}

export function feeReply(p: Procedure): string {
  const fee = perMethod(p, feePhrase);
  if (!fee) return sentence(`Danh mục chưa ghi lệ phí ${shortName(p)}; ${ASK_AT_COUNTER}`);
  return sentence(`Lệ phí ${shortName(p)}: ${fee}`);
}

export function timeReply(p: Procedure): string {
  const time = perMethod(p, timePhrase);
  if (!time) return sentence(`Danh mục chưa ghi thời gian giải quyết ${shortName(p)}; ${ASK_AT_COUNTER}`);
  return sentence(`Thời gian giải quyết ${shortName(p)}: ${time}`);
}

/** Where to submit: the catalog's address or agency, and whether it can be done online. */
export function placeReply(p: Procedure): string {
  const where = firstSentence(p.where || p.agency, 140);
  const online = canSubmitOnline(p) ? ' Có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia.' : '';
  if (!where) {
    return `${sentence(`Thủ tục này làm tại Trung tâm phục vụ hành chính công của xã; nơi nộp cụ thể ${ASK_AT_COUNTER}`)}${online}`;
  }
  return `${sentence(`Nộp hồ sơ tại: ${where}`)}${online}`;
}

export function onlineReply(p: Procedure): string {
  return canSubmitOnline(p)
    ? sentence(`${shortName(p)} có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID`)
    : sentence(`Danh mục không ghi cách nộp trực tuyến cho ${shortName(p)}; xin nộp trực tiếp tại quầy`);
}

export function documentsReply(p: Procedure): string {
  const { always, conditional } = orderedDocuments(p);
  if (always.length + conditional.length === 0) {
    return sentence(`Danh mục chưa ghi giấy tờ của ${shortName(p)}; ${ASK_AT_COUNTER}`);
  }
  const named = always.slice(0, 2).map((d) => documentLine(d, 'vi').replace(/[.;:]+$/u, ''));
  const trimmed = named.map((n) => (n.length > 70 ? `${n.slice(0, 69).replace(/\s+\S*$/u, '')}…` : n));
  const head =
    always.length > 0
      ? `Cần ${always.length} giấy tờ: ${trimmed.join('; ')}${always.length > 2 ? '; …' : ''}`
      : 'Giấy tờ tùy từng trường hợp';
  const more = conditional.length > 0 ? ` Thêm ${conditional.length} giấy tờ tùy trường hợp.` : '';
  return `${sentence(head)}${more}`;
}

export function stepsReply(p: Procedure): string {
  const steps = p.steps.filter((s) => s.trim() !== '');
  if (steps.length === 0)
    return sentence(`Danh mục chưa ghi các bước của ${shortName(p)}; ${ASK_AT_COUNTER}`);
  const first = firstSentence(steps[0] ?? '', 140).replace(/^[-–•\s]*(bước\s*\d+\s*[:.]?)?\s*/iu, '');
  return `${sentence(`Gồm ${steps.length} bước, bước đầu: ${first}`)}`;
}

export function conditionsReply(p: Procedure): string {
  const c = p.conditions.trim();
  if (!c)
    return sentence(
      `Danh mục không ghi điều kiện riêng cho ${shortName(p)}; trường hợp cụ thể ${ASK_AT_COUNTER}`,
    );
  return sentence(`Điều kiện: ${firstSentence(c)}`);
}

export function resultReply(p: Procedure): string {
  const r = p.result.trim();
  if (!r) return sentence(`Danh mục chưa ghi kết quả của ${shortName(p)}; ${ASK_AT_COUNTER}`);
  return sentence(`Kết quả nhận được: ${firstSentence(r.split('; ').slice(0, 2).join('; '))}`);
}

export function legalReply(p: Procedure): string {
  const l = p.legalBasis
    .map((d) =>
      d.title.trim() ? `${d.title.trim()} (${legalDocumentLine(d, 'vi')})` : legalDocumentLine(d, 'vi'),
    )
    .filter((x) => x.trim() !== '');
  if (l.length === 0)
    return sentence(`Danh mục chưa ghi căn cứ pháp lý của ${shortName(p)}; ${ASK_AT_COUNTER}`);
  const first = firstSentence(l[0] ?? '', 150);
  return `${sentence(`Căn cứ pháp lý: ${first}`)}${l.length > 1 ? ` Cùng ${l.length - 1} văn bản khác.` : ''}`;
}

const BY_SLOT: Readonly<Record<AssistantSlot, (p: Procedure) => string>> = {
  fee: feeReply,
  time: timeReply,
  place: placeReply,
  documents: documentsReply,
  steps: stepsReply,
  conditions: conditionsReply,
  result: resultReply,
  legal: legalReply,
  online: onlineReply,
};

export function slotReply(p: Procedure, slot: AssistantSlot): string {
  return BY_SLOT[slot](p);
}

/** The reply when a procedure comes into focus without a precise question: fee, time, documents. */
export function summaryReply(p: Procedure): string {
  const fee = perMethod(p, feePhrase);
  const time = perMethod(p, timePhrase);
  const { always, conditional } = orderedDocuments(p);
  const facts = [
    fee ? `lệ phí ${fee}` : '',
    time ? `giải quyết trong ${time}` : '',
    always.length + conditional.length > 0
      ? `cần ${always.length} giấy tờ${conditional.length ? ` (thêm ${conditional.length} tùy trường hợp)` : ''}`
      : '',
  ].filter((f) => f !== '');
  const head = sentence(`Thủ tục ${shortName(p)}`);
  if (facts.length === 0) return `${head} Chi tiết ${ASK_AT_COUNTER}.`;
  return `${head} ${sentence(facts.join(', '))}`;
}

/** Replies to the slots asked (at most three), about `p`. */
export function answerReply(p: Procedure, slots: readonly AssistantSlot[]): string {
  if (slots.length === 0) return summaryReply(p);
  return slots
    .slice(0, 3)
    .map((s) => slotReply(p, s))
    .join(' ');
}
