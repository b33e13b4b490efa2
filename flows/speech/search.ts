import type { Procedure, RequiredDocument } from '../../domain/catalog/procedure.js';
import {
  documentLine,
  feeText,
  inPersonMethod,
  orderedDocuments,
  timeText,
} from '../../domain/catalog/procedure-facts.js';
import type { SearchHit } from '../../domain/catalog/search-types.js';
import { tr, type Lang } from '../../ui-framebuffer/localize.js';
import type { SearchTopic } from '../../ui-framebuffer/screens/search.js';
import { promptText } from '../../voice/prompts/index.js';
import { readNumber } from '../../voice/vietnamese-numbers.js';

/** "... hoặc bấm số: 1 Khai sinh, 2 Kết hôn, ...". */
export function searchSpeech(lang: Lang, topics: readonly SearchTopic[]): string {
  return promptText('search.intro', lang, {
    topics: topics.map((t, i) => `${i + 1} ${tr(t.label, lang)}`).join(', '),
  });
}

/** "Có 5 thủ tục gần với yêu cầu của bạn. Số 1: ... Bấm số để chọn." */
export function clarifySpeech(lang: Lang, shown: readonly SearchHit[]): string {
  return promptText('results.clarify', lang, {
    count: shown.length,
    choices: shown
      .map((h, i) => promptText('common.choice', lang, { button: i + 1, name: h.name }))
      .join(' '),
  });
}

export const apologySpeech = (lang: Lang): string => promptText('results.none', lang);

export const searchUnavailableSpeech = (lang: Lang): string => promptText('search.unavailable', lang);

/** Counting as spoken: "mười ba loại giấy tờ" in Vietnamese, digits in English. */
const count = (n: number, lang: Lang): string | number => (lang === 'vi' ? readNumber(n) : n);

/** Short summary read when the detail opens: name, fee, time, place, documents, buttons. */
export function procedureSummary(p: Procedure, lang: Lang): string {
  const m = inPersonMethod(p);
  const { always, conditional } = orderedDocuments(p);
  return [
    promptText('procedure.summary', lang, {
      name: lang === 'vi' ? p.name.replace(/^thủ tục\s+/iu, '') : p.name,
      fee: feeText(m, lang),
      time: timeText(m, lang),
    }),
    ...(p.where ? [promptText('procedure.where', lang, { where: p.where })] : []),
    promptText('procedure.next', lang, { count: count(always.length + conditional.length, lang) }),
  ].join(' ');
}

/** "Bạn cần mang: một, tờ khai ...; hai, ..." then the case-by-case documents. */
export function documentsSpeech(p: Procedure, lang: Lang): string {
  const { always, conditional } = orderedDocuments(p);
  if (always.length + conditional.length === 0) return promptText('procedure.documents-none', lang);
  const spoken = (d: RequiredDocument, i: number): string =>
    `${count(i + 1, lang)}, ${documentLine(d, lang).replace(/[.;]+$/, '')}`;
  const parts: string[] = [];
  if (always.length)
    parts.push(promptText('procedure.documents', lang, { documents: always.map(spoken).join('; ') }));
  if (conditional.length)
    parts.push(
      promptText('procedure.documents-if', lang, {
        documents: conditional.map((d, i) => spoken(d, always.length + i)).join('; '),
      }),
    );
  return parts.join(' ');
}
