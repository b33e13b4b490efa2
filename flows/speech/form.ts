import type { FieldState } from '../../domain/forms/form-filling.js';
import type { FieldView } from '../../ui-framebuffer/screens/form-field.js';
import type { FormChoice } from '../../ui-framebuffer/screens/form-start.js';
import type { FormDoneView } from '../../ui-framebuffer/screens/form-review.js';
import { promptText } from '../../voice/prompts/index.js';
import { tr, type Lang } from '../../ui-framebuffer/localize.js';
import { spokenNumber } from './queue.js';

/** "Điền tờ khai. Chọn ... Số 1: Tờ khai đăng ký khai sinh. ..." */
export function formPickSpeech(
  lang: Lang,
  forms: readonly FormChoice[],
  shown: { more: boolean } | undefined,
): string {
  if (!shown)
    return [
      promptText('form-pick.intro', lang),
      `${forms.map((f) => tr(f.title, lang)).join(', ')}.`,
      promptText('form-pick.by-number', lang),
    ].join(' ');
  return [
    promptText('form-pick.intro', lang),
    ...forms
      .slice(0, 9)
      .map((f, i) => promptText('common.choice', lang, { button: i + 1, name: tr(f.title, lang) })),
    ...(shown.more ? [promptText('form-pick.more', lang)] : []),
  ].join(' ');
}

/** How many items the card fills (never the values: the room can hear), and the accents warning. */
export function formPrefillSpeech(lang: Lang, count: number, warning: boolean): string {
  return [
    promptText('form-prefill.offer', lang, { count }),
    ...(warning ? [promptText('form-prefill.check-accents', lang)] : []),
  ].join(' ');
}

function howToType(lang: Lang, state: FieldState): string {
  const f = state.field;
  switch (f.type) {
    case 'choice':
      return promptText('form-field.how-choice', lang, {
        options: [...(f.options ?? []), ...(f.required ? [] : [lang === 'vi' ? 'bỏ trống' : 'leave empty'])]
          .map((o, i) => (lang === 'vi' ? `số ${i + 1}: ${o}` : `${i + 1}: ${o}`))
          .join(', '),
      });
    case 'date':
      return promptText('form-field.how-date', lang);
    case 'number':
    case 'id-number':
    case 'phone':
      return promptText('form-field.how-digits', lang);
    default:
      return promptText('form-field.how-text', lang);
  }
}

/**
 * The field's label and position, required or not, how to fill it (the prefilled value is not
 * read aloud), then its problem when there is one; after a choice button, the option picked.
 */
export function formFieldSpeech(
  lang: Lang,
  view: FieldView | undefined,
  error: string | undefined,
  chosen?: string,
): string {
  if (!view) return promptText('form-field.erased', lang);
  // An option just picked: said back, with how to go on (the field was read when it opened).
  if (chosen !== undefined && !error)
    return promptText(chosen ? 'form-field.chosen' : 'form-field.chosen-empty', lang, { option: chosen });
  const s = view.state;
  return [
    ...(error ? [promptText('form-field.problem', lang, { problem: error })] : []),
    promptText('form-field.item', lang, { index: view.index + 1, count: view.count, label: s.field.label }),
    ...(s.field.hint ? [`${s.field.hint}.`] : []),
    promptText(s.field.required ? 'form-field.required' : 'form-field.optional', lang),
    s.prefilled ? promptText('form-field.prefilled', lang) : howToType(lang, s),
  ].join(' ');
}

/** What to check and do on the review page. */
export function formReviewSpeech(
  lang: Lang,
  fields: readonly FieldState[],
  problems: number,
  canPrintA4 = true,
): string {
  return [
    promptText('form-review.intro', lang, { count: fields.filter((f) => f.value).length }),
    ...(problems ? [promptText('form-review.problems', lang, { problems })] : []),
    ...(canPrintA4 ? [promptText('form-review.print-offer', lang)] : []),
  ].join(' ');
}

/** The number, the slip, the fee and how to pay it, then how to finish. */
export function formDoneSpeech(lang: Lang, view: Omit<FormDoneView, 'speech'>): string {
  return [
    view.ticket
      ? promptText('form-done.number', lang, { number: spokenNumber(view.ticket, lang) })
      : promptText('form-done.no-number', lang),
    ...(view.slipPrinted ? [] : [promptText('form-done.slip-failed', lang)]),
    ...(view.fee
      ? [
          promptText(view.fee.qr ? 'form-done.fee' : 'form-done.fee-counter', lang, {
            fee: tr(view.fee.text, lang),
          }),
        ]
      : []),
    promptText('form-done.finish', lang),
  ].join(' ');
}
