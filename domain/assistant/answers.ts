import { legalDocumentLine } from '../catalog/legal-basis.js';
import type { Procedure, SubmissionMethod } from '../catalog/procedure.js';
import {
  canSubmitOnline,
  documentLine,
  feePhrase,
  inPersonMethod,
  orderedDocuments,
  stepsTime,
  timeAmount,
  timePhrase,
} from '../catalog/procedure-facts.js';
import type { AssistantSlot } from './slots.js';
import { inVietnamese } from '../../runtime/text/speech-marks.js';
import { phraseCut } from './phrase-cut.js';

/**
 * The assistant's replies: one or two short Vietnamese sentences built only from the catalog's
 * fields. Amounts are written the Vietnamese way ("10.000 đồng", read aloud "mười nghìn đồng" by
 * the voice). When the catalog has no value the reply says so and points to the counter: no
 * figure is ever made up. With the kiosk in English the framing is English; what the catalog
 * says (names, documents, addresses) stays in its Vietnamese.
 */

export type ReplyLang = 'vi' | 'en';

/**
 * Catalog content (a name, a document, an address) inside an English reply: marked so that the
 * voice says it in Vietnamese (runtime/text/speech-marks.ts); the dialogue shows it unmarked.
 */
const said = (content: string, lang: ReplyLang): string => inVietnamese(content, lang);

export const ASK_AT_COUNTER = 'xin hỏi cán bộ tại quầy';
const ASK_AT_COUNTER_EN = 'please ask the staff at the counter';

/** A procedure's name as said in a sentence: without the "Thủ tục" prefix, cut when very long. */
export function shortName(p: Procedure, max = 90): string {
  const name = p.name.replace(/^thủ tục\s+/iu, '').trim();
  const first = name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
  return phraseCut(first, max);
}

const METHOD_SAID: Readonly<Record<ReplyLang, Readonly<Record<string, string>>>> = {
  vi: {
    'trực tiếp': 'nộp trực tiếp',
    'trực tuyến': 'nộp trực tuyến',
    'dịch vụ bưu chính': 'gửi qua bưu điện',
  },
  en: { 'trực tiếp': 'in person', 'trực tuyến': 'online', 'dịch vụ bưu chính': 'by post' },
};

function methodSaid(m: SubmissionMethod, lang: ReplyLang): string {
  const key = m.method.trim().toLocaleLowerCase('vi');
  return METHOD_SAID[lang][key] ?? key;
}

/** "nộp trực tiếp 10.000 đồng, nộp trực tuyến 5.000 đồng", or one value when all methods agree. */
function perMethod(
  p: Procedure,
  phrase: (m: SubmissionMethod, lang: ReplyLang) => string,
  lang: ReplyLang,
): string {
  const known = p.methods.map((m) => ({ m, v: phrase(m, lang) })).filter((x) => x.v !== '');
  if (known.length === 0) return '';
  const distinct = new Set(known.map((x) => x.v));
  if (distinct.size === 1) return known[0]?.v ?? '';
  // The counter's method first: that is how the citizen in front of the kiosk will submit.
  const inPerson = inPersonMethod(p);
  known.sort((a, b) => Number(b.m === inPerson) - Number(a.m === inPerson));
  return known.map((x) => `${methodSaid(x.m, lang)} ${x.v}`).join(', ');
}

/** The time the methods give, else the one the steps state (said as from the steps), else ''. */
function timeOf(p: Procedure, lang: ReplyLang): { time: string; fromSteps: boolean } {
  const time = perMethod(p, timePhrase, lang);
  if (time) return { time, fromSteps: false };
  const s = stepsTime(p);
  return s ? { time: timeAmount(s.value, s.unit, lang), fromSteps: true } : { time: '', fromSteps: false };
}

const sentence = (s: string): string => {
  const t = s.trim().replace(/[\s.;,:]+$/u, '');
  return `${t.charAt(0).toLocaleUpperCase('vi')}${t.slice(1)}.`;
};

function firstSentence(text: string, max = 160): string {
  const one = (text.split(/(?<=[.;])\s|\n/u)[0] ?? text).trim();
  return one.length > max ? phraseCut(one, max) : one;
}

/** The catalog has no value: say so and point to the counter. */
function missing(what: string, whatEn: string, p: Procedure, lang: ReplyLang): string {
  return lang === 'vi'
    ? sentence(`Danh mục chưa ghi ${what} ${shortName(p)}; ${ASK_AT_COUNTER}`)
    : sentence(`The catalog does not give ${whatEn} for "${said(shortName(p), lang)}"; ${ASK_AT_COUNTER_EN}`);
}

export function feeReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const fee = perMethod(p, feePhrase, lang);
  if (!fee) return missing('lệ phí', 'the fee', p, lang);
  return lang === 'vi'
    ? sentence(`Lệ phí ${shortName(p)}: ${fee}`)
    : sentence(`Fee for "${said(shortName(p), lang)}": ${fee}`);
}

export function timeReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const { time, fromSteps } = timeOf(p, lang);
  if (!time) return missing('thời gian giải quyết', 'the processing time', p, lang);
  if (fromSteps) {
    return lang === 'vi'
      ? sentence(`Theo các bước trong danh mục, ${shortName(p)} được giải quyết trong ${time}`)
      : sentence(`According to the steps in the catalog, "${said(shortName(p), lang)}" takes ${time}`);
  }
  return lang === 'vi'
    ? sentence(`Thời gian giải quyết ${shortName(p)}: ${time}`)
    : sentence(`Processing time for "${said(shortName(p), lang)}": ${time}`);
}

/** Where to submit: the catalog's address or agency, and whether it can be done online. */
export function placeReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const where = firstSentence(p.where || p.agency, 140);
  const online = canSubmitOnline(p)
    ? lang === 'vi'
      ? ' Có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia.'
      : ' It can also be submitted online on the National Public Service Portal.'
    : '';
  if (!where) {
    return lang === 'vi'
      ? `${sentence(`Thủ tục này làm tại Trung tâm phục vụ hành chính công của xã; nơi nộp cụ thể ${ASK_AT_COUNTER}`)}${online}`
      : `${sentence(`This is done at the commune's public administrative service centre; for the exact desk, ${ASK_AT_COUNTER_EN}`)}${online}`;
  }
  return `${sentence(lang === 'vi' ? `Nộp hồ sơ tại: ${where}` : `Submit at: ${said(where, lang)}`)}${online}`;
}

export function onlineReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  if (lang === 'en') {
    return canSubmitOnline(p)
      ? sentence(
          `"${said(shortName(p), lang)}" can be submitted online on the National Public Service Portal or the VNeID app`,
        )
      : sentence(
          `The catalog gives no online submission for "${said(shortName(p), lang)}"; please submit it at the counter`,
        );
  }
  return canSubmitOnline(p)
    ? sentence(`${shortName(p)} có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID`)
    : sentence(`Danh mục không ghi cách nộp trực tuyến cho ${shortName(p)}; xin nộp trực tiếp tại quầy`);
}

export function documentsReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const { always, conditional } = orderedDocuments(p);
  if (always.length + conditional.length === 0) {
    return lang === 'vi'
      ? sentence(`Danh mục chưa ghi giấy tờ của ${shortName(p)}; ${ASK_AT_COUNTER}`)
      : missing('', 'the documents', p, lang);
  }
  // The name cut where a phrase ends (its counts whole after it), marked as catalog content.
  const named = always
    .slice(0, 2)
    .map((d) =>
      documentLine({ ...d, name: said(phraseCut(d.name.replace(/[.;:\s]+$/u, ''), 70), lang) }, lang),
    );
  const trimmed = named.map((n) => n.replace(/[.;:]+$/u, ''));
  const others = always.length - named.length;
  if (lang === 'en') {
    const head =
      always.length > 0
        ? `${always.length} document${always.length === 1 ? '' : 's'} needed: ${trimmed.join('; ')}${others > 0 ? `; and ${others} more` : ''}`
        : 'The documents depend on the case';
    const more = conditional.length > 0 ? ` ${conditional.length} more depending on the case.` : '';
    return `${sentence(head)}${more}`;
  }
  const head =
    always.length > 0
      ? `Cần ${always.length} giấy tờ: ${trimmed.join('; ')}${others > 0 ? `; và ${others} giấy tờ khác` : ''}`
      : 'Giấy tờ tùy từng trường hợp';
  const more = conditional.length > 0 ? ` Thêm ${conditional.length} giấy tờ tùy trường hợp.` : '';
  return `${sentence(head)}${more}`;
}

export function stepsReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const steps = p.steps.filter((s) => s.trim() !== '');
  if (steps.length === 0) {
    return lang === 'vi'
      ? sentence(`Danh mục chưa ghi các bước của ${shortName(p)}; ${ASK_AT_COUNTER}`)
      : missing('', 'the steps', p, lang);
  }
  const first = firstSentence(steps[0] ?? '', 140).replace(/^[-–•\s]*(bước\s*\d+\s*[:.]?)?\s*/iu, '');
  return lang === 'vi'
    ? sentence(`Gồm ${steps.length} bước, bước đầu: ${first}`)
    : sentence(`${steps.length} step${steps.length === 1 ? '' : 's'}; the first: ${said(first, lang)}`);
}

export function conditionsReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const c = p.conditions.trim();
  if (!c) {
    return lang === 'vi'
      ? sentence(
          `Danh mục không ghi điều kiện riêng cho ${shortName(p)}; trường hợp cụ thể ${ASK_AT_COUNTER}`,
        )
      : sentence(
          `The catalog states no special conditions for "${said(shortName(p), lang)}"; for your case, ${ASK_AT_COUNTER_EN}`,
        );
  }
  return sentence(`${lang === 'vi' ? 'Điều kiện' : 'Conditions'}: ${said(firstSentence(c), lang)}`);
}

export function resultReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const r = p.result.trim();
  if (!r) {
    return lang === 'vi'
      ? sentence(`Danh mục chưa ghi kết quả của ${shortName(p)}; ${ASK_AT_COUNTER}`)
      : missing('', 'the result', p, lang);
  }
  const first = firstSentence(r.split('; ').slice(0, 2).join('; '));
  return sentence(`${lang === 'vi' ? 'Kết quả nhận được' : 'You receive'}: ${said(first, lang)}`);
}

export function legalReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const l = p.legalBasis
    .map((d) =>
      d.title.trim() ? `${d.title.trim()} (${legalDocumentLine(d, 'vi')})` : legalDocumentLine(d, 'vi'),
    )
    .filter((x) => x.trim() !== '');
  if (l.length === 0) {
    return lang === 'vi'
      ? sentence(`Danh mục chưa ghi căn cứ pháp lý của ${shortName(p)}; ${ASK_AT_COUNTER}`)
      : missing('', 'the legal basis', p, lang);
  }
  const first = firstSentence(l[0] ?? '', 150);
  if (lang === 'en') {
    const others = l.length > 1 ? ` And ${l.length - 1} other document${l.length === 2 ? '' : 's'}.` : '';
    return `${sentence(`Legal basis: ${said(first, lang)}`)}${others}`;
  }
  return `${sentence(`Căn cứ pháp lý: ${first}`)}${l.length > 1 ? ` Cùng ${l.length - 1} văn bản khác.` : ''}`;
}

const BY_SLOT: Readonly<Record<AssistantSlot, (p: Procedure, lang: ReplyLang) => string>> = {
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

export function slotReply(p: Procedure, slot: AssistantSlot, lang: ReplyLang = 'vi'): string {
  return BY_SLOT[slot](p, lang);
}

/** The reply when a procedure comes into focus without a precise question: fee, time, documents. */
export function summaryReply(p: Procedure, lang: ReplyLang = 'vi'): string {
  const fee = perMethod(p, feePhrase, lang);
  const { time } = timeOf(p, lang);
  const { always, conditional } = orderedDocuments(p);
  const docs = always.length + conditional.length > 0;
  if (lang === 'en') {
    const facts = [
      fee === 'free' ? 'free of charge' : fee ? `fee ${fee}` : '',
      time ? `takes ${time}` : '',
      docs
        ? `${always.length} document${always.length === 1 ? '' : 's'}${conditional.length ? ` (${conditional.length} more depending on the case)` : ''}`
        : '',
    ].filter((f) => f !== '');
    const head = sentence(`Procedure: ${said(shortName(p), lang)}`);
    if (facts.length === 0) return `${head} For details, ${ASK_AT_COUNTER_EN}.`;
    return `${head} ${sentence(facts.join(', '))}`;
  }
  const facts = [
    // "Lệ phí miễn phí" says "fee" twice: free is said once.
    fee === 'miễn phí' ? fee : fee ? `lệ phí ${fee}` : '',
    time ? `giải quyết trong ${time}` : '',
    docs
      ? `cần ${always.length} giấy tờ${conditional.length ? ` (thêm ${conditional.length} tùy trường hợp)` : ''}`
      : '',
  ].filter((f) => f !== '');
  const head = sentence(`Thủ tục ${shortName(p)}`);
  if (facts.length === 0) return `${head} Chi tiết ${ASK_AT_COUNTER}.`;
  return `${head} ${sentence(facts.join(', '))}`;
}

/** Replies to the slots asked (at most three), about `p`. */
export function answerReply(p: Procedure, slots: readonly AssistantSlot[], lang: ReplyLang = 'vi'): string {
  if (slots.length === 0) return summaryReply(p, lang);
  return slots
    .slice(0, 3)
    .map((s) => slotReply(p, s, lang))
    .join(' ');
}
