import type { StoredRating } from '../../domain/rating/rating-service.js';
import type { ButtonId } from '../../drivers/buttons/types.js';
import { drawTile, gridCells } from '../draw.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { header, ListView, type ListItem } from '../widgets/index.js';
import type { FlowDeps } from './flow-deps.js';
import { createMessageScreen, HOME_ACTION } from './message.js';

export interface RatingContext {
  counter?: number;
  dossierNumber?: string;
  ticketNumber?: string;
}

/**
 * Satisfaction rating: which counter served you (when not known and rating.askCounter), then
 * one of 3 or 5 levels by number button. Stored durably and queued for the fleet exactly once;
 * a second press cannot rate twice.
 */
export function createRatingScreen(nav: Navigator, deps: FlowDeps, context: RatingContext = {}): Screen {
  const counters = [...new Set(deps.queue.groups().flatMap((g) => g.counters))].sort((a, b) => a - b);
  let counter = context.counter;
  let step: 'counter' | 'level' =
    counter === undefined && deps.config.rating.askCounter && counters.length > 1 ? 'counter' : 'level';
  let submitted: StoredRating | undefined;
  const levelList = new ListView({ id: 'rate', maxRows: 5, rowHeight: 54 });
  const scale = deps.ratings.scale;

  const counterName = (n: number): string =>
    deps.queue
      .groups()
      .filter((g) => g.counters.includes(n))
      .map((g) => g.name)
      .join(', ');

  const choose = (score: number): void => {
    if (submitted) return;
    submitted = deps.ratings.submit({
      score,
      counter,
      dossierNumber: context.dossierNumber,
      ticketNumber: context.ticketNumber,
    });
    const label = submitted.label;
    nav.replace(
      createMessageScreen(nav, {
        name: 'rating-thanks',
        title: { vi: 'Cảm ơn bạn đã đánh giá', en: 'Thank you for your feedback' },
        lines: (lang) =>
          lang === 'vi'
            ? [`Bạn đã chọn: ${label}.`, 'Ý kiến của bạn giúp trung tâm phục vụ tốt hơn.']
            : [
                `You chose: ${scale.find((l) => l.score === score)?.en ?? label}.`,
                'Your feedback helps the centre serve you better.',
              ],
        speech: (lang) =>
          lang === 'vi' ? `Cảm ơn bạn đã đánh giá: ${label}.` : 'Thank you for your feedback.',
        describe: () => ({ ratingId: submitted?.id ?? null, score, counter: counter ?? null }),
        actions: [HOME_ACTION(nav)],
      }),
    );
  };

  const items = (lang: 'vi' | 'en'): ListItem[] =>
    step === 'counter'
      ? [
          ...counters.slice(0, 8).map((n) => ({
            id: `counter-${n}`,
            label: `${lang === 'vi' ? `Quầy số ${n}` : `Counter ${n}`}, ${counterName(n)}`,
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
      const list = items(lang);
      const options = list
        .map((item, i) => (lang === 'vi' ? `số ${i + 1}: ${item.label}` : `${i + 1}: ${item.label}`))
        .join(', ');
      if (step === 'counter')
        return lang === 'vi'
          ? `Bạn vừa được phục vụ tại quầy nào? Bấm ${options}.`
          : `Which counter served you? Press ${options}.`;
      return lang === 'vi'
        ? `Bạn có hài lòng với sự phục vụ${counter ? ` của quầy số ${counter}` : ''} không? Bấm ${options}.`
        : `How satisfied are you with the service${counter ? ` at counter ${counter}` : ''}? Press ${options}.`;
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
