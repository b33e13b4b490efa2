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
import type { SearchTopic, SearchView } from '../../ui-framebuffer/screens/search.js';
import { promptText } from '../../voice/prompts/index.js';
import { inVietnamese } from '../../runtime/text/speech-marks.js';
import { readNumber } from '../../voice/vietnamese-numbers.js';

/** "... hoặc bấm số: 1 Khai sinh, 2 Kết hôn, ..."; what the view offers (keyboard, topics or both). */
export function searchSpeech(lang: Lang, topics: readonly SearchTopic[], view: SearchView): string {
  if (view === 'typing') return promptText('search.typing', lang);
  return promptText(view === 'topics' ? 'search.intro-topics' : 'search.intro', lang, {
    topics: topics.map((t, i) => `${i + 1} ${tr(t.label, lang)}`).join(', '),
  });
}

/** "Có 5 thủ tục gần với yêu cầu của bạn. Số 1: ... Bấm số để chọn." */
export function clarifySpeech(lang: Lang, shown: readonly SearchHit[]): string {
  return promptText('results.clarify', lang, {
    count: shown.length,
    choices: shown
      .map((h, i) => promptText('common.choice', lang, { button: i + 1, name: inVietnamese(h.name, lang) }))
      .join(' '),
  });
}

export const apologySpeech = (lang: Lang): string => promptText('results.none', lang);

export const searchUnavailableSpeech = (lang: Lang): string => promptText('search.unavailable', lang);
export const searchLoadingSpeech = (lang: Lang): string => promptText('search.loading', lang);

/** Counting as spoken: "mười ba loại giấy tờ" in Vietnamese, digits in English. */
const count = (n: number, lang: Lang): string | number => (lang === 'vi' ? readNumber(n) : n);

/** Short summary read when the detail opens: name, fee, time, place, how many documents, buttons. */
export function procedureSummary(p: Procedure, lang: Lang): string {
  const m = inPersonMethod(p);
  const { always, conditional } = orderedDocuments(p);
  const counted =
    always.length + conditional.length === 0
      ? []
      : conditional.length
        ? [
            promptText('procedure.count-if', lang, {
              count: count(always.length, lang),
              more: count(conditional.length, lang),
            }),
          ]
        : [promptText('procedure.count', lang, { count: count(always.length, lang) })];
  return [
    promptText('procedure.summary', lang, {
      name: lang === 'vi' ? p.name.replace(/^thủ tục\s+/iu, '') : inVietnamese(p.name, lang),
      fee: feeText(m, lang),
      time: timeText(m, lang),
    }),
    ...(p.where
      ? [promptText('procedure.where', lang, { where: inVietnamese(p.where.replace(/[.;]+$/, ''), lang) })]
      : []),
    ...counted,
    promptText('procedure.next', lang),
  ].join(' ');
}

/**
 * Document `index` of the common-case list followed by the case-by-case ones, read one at a time
 * (button 2 moves on); `index` past the end says the list is over.
 */
export function documentSpeech(p: Procedure, lang: Lang, index: number): string {
  const { always, conditional } = orderedDocuments(p);
  const total = always.length + conditional.length;
  if (total === 0) return promptText('procedure.documents-none', lang);
  if (index >= total) return promptText('procedure.documents-end', lang);
  const common = index < always.length;
  const d = (common ? always[index] : conditional[index - always.length]) as RequiredDocument;
  return [
    promptText(common ? 'procedure.document' : 'procedure.document-if', lang, {
      n: count((common ? index : index - always.length) + 1, lang),
      count: count(common ? always.length : conditional.length, lang),
      // The document's name as the catalog writes it, its counts in the speech's language.
      document: documentLine({ ...d, name: inVietnamese(d.name.trim().replace(/[.;:]+$/, ''), lang) }, lang),
    }),
    promptText('procedure.document-more', lang),
  ].join(' ');
}
