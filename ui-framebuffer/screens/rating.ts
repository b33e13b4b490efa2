import type { RatingLevel } from '../../domain/rating/rating-scale.js';
import type { RatingInput, StoredRating } from '../../domain/rating/rating-service.js';
import type { ButtonId } from '../../drivers/buttons/types.js';
import { drawTile, gridCells } from '../draw.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { RatingContext } from '../routes.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { createMessageScreen, HOME_ACTION } from '../templates/message.js';
import { header, ListView, type ListItem } from '../widgets/index.js';

export interface RatingScreenDeps {
  /** Every counter of the centre, ascending. */
  counters: readonly number[];
  /** The groups a counter serves ("Tư pháp - Hộ tịch"), in both languages. */
  counterName(counter: number): Localized;
  /** Ask which counter served the citizen when it is not known (config rating.askCounter). */
  askCounter: boolean;
  /** The answers in screen order (button 1 first). */
  scale: readonly RatingLevel[];
  /** Stores the rating (once) and thanks the citizen. */
  submit(input: RatingInput): StoredRating;
  speech: {
    /** "Which counter served you? Press ..." with the numbered choices. */
    counter(lang: Lang, options: readonly string[]): string;
    /** "How satisfied are you ...? Press ..." with the numbered levels. */
    level(lang: Lang, options: readonly string[], counter: number | undefined): string;
  };
}

/**
 * Satisfaction rating: which counter served you (when not known and rating.askCounter), then
 * one of 3 or 5 levels by number button. Stored durably and queued for the fleet exactly once;
 * a second press cannot rate twice.
 */
export function createRatingScreen(
  nav: Navigator,
  deps: RatingScreenDeps,
  context: RatingContext = {},
): Screen {
  const counters = deps.counters;
  let counter = context.counter;
  let step: 'counter' | 'level' =
    counter === undefined && deps.askCounter && counters.length > 1 ? 'counter' : 'level';
  let submitted: StoredRating | undefined;
  const levelList = new ListView({ id: 'rate', maxRows: 5, rowHeight: 54 });
  const scale = deps.scale;
  const counterName = deps.counterName;

  const choose = (score: number): void => {
    if (submitted) return;
    submitted = deps.submit({
      score,
      counter,
      dossierNumber: context.dossierNumber,
      ticketNumber: context.ticketNumber,
    });
  };

  const items = (lang: 'vi' | 'en'): ListItem[] =>
    step === 'counter'
      ? [
          ...counters.slice(0, 8).map((n) => ({
            id: `counter-${n}`,
            label: `${lang === 'vi' ? `Quầy số ${n}` : `Counter ${n}`}, ${tr(counterName(n), lang)}`,
            activate: () => {
              counter = n;
              step = 'level';
              nav.repeatSpeech();
            },
          })),
          {
            id: 'counter-skip',
            label: lang === 'vi' ? 'Không nhớ / bỏ qua' : "Don't remember / skip",
            activate: () => {
              step = 'level';
              nav.repeatSpeech();
            },
          },
        ]
      : scale.map((level) => ({
          id: `level-${level.score}`,
          label: lang === 'vi' ? level.vi : level.en,
          activate: () => choose(level.score),
        }));

  return {
    name: 'rating',
    speech: (lang) => {
      const options = items(lang).map((item) => item.label);
      return step === 'counter'
        ? deps.speech.counter(lang, options)
        : deps.speech.level(lang, options, counter);
    },
    describe: () => ({
      step,
      levels: scale.length,
      counter: counter ?? null,
      dossier: context.dossierNumber ?? null,
      submitted: submitted?.id ?? null,
    }),
    onButton(event) {
      // Back on the level step returns to the counter question when it was asked.
      if (
        event.id === 'back' &&
        event.action === 'press' &&
        step === 'level' &&
        context.counter === undefined &&
        counter !== undefined
      ) {
        counter = undefined;
        step = 'counter';
        nav.repeatSpeech();
        return true;
      }
      return false;
    },
    render(rc) {
      const { lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        step === 'counter'
          ? vi
            ? 'Bạn được phục vụ tại quầy nào?'
            : 'Which counter served you?'
          : vi
            ? 'Đánh giá mức độ hài lòng'
            : 'How satisfied are you?',
        counter
          ? vi
            ? `Quầy số ${counter}`
            : `Counter ${counter}`
          : context.dossierNumber
            ? `${vi ? 'Hồ sơ' : 'Dossier'} ${context.dossierNumber}`
            : undefined,
      );
      if (step === 'level') return levelList.render(rc, area, items(lang));
      // Counters as a two-column grid of big tiles, so up to 8 counters + "skip" fit one page.
      const list = items(lang);
      const cells = gridCells(area, list.length, 2, rc.theme.spacing * rc.scale);
      return list.map((item, i): Target => {
        const rect = cells[i] as Target['rect'];
        const badge = String(i + 1) as ButtonId;
        drawTile(rc, rect, item.label, badge);
        return {
          id: `counter:${item.id}`,
          rect,
          button: badge,
          label: `${i + 1}. ${item.label}`,
          activate: item.activate,
        };
      });
    },
  };
}

export interface RatingThanksView {
  rating: StoredRating;
  /** The chosen answer in both languages. */
  label: { vi: string; en: string };
  speech(lang: Lang): string;
}

/** After a rating: thanks, and what was chosen. */
export function createRatingThanksScreen(nav: Navigator, view: RatingThanksView): Screen {
  const { rating, label } = view;
  return createMessageScreen(nav, {
    name: 'rating-thanks',
    title: { vi: 'Cảm ơn bạn đã đánh giá', en: 'Thank you for your feedback' },
    lines: (lang) =>
      lang === 'vi'
        ? [`Bạn đã chọn: ${label.vi}.`, 'Ý kiến của bạn giúp trung tâm phục vụ tốt hơn.']
        : [`You chose: ${label.en}.`, 'Your feedback helps the centre serve you better.'],
    speech: view.speech,
    describe: () => ({ ratingId: rating.id, score: rating.score, counter: rating.counter }),
    actions: [HOME_ACTION(nav)],
  });
}
