import type { SearchHit } from '../../domain/catalog/search-types.js';
import type { Lang } from '../localize.js';
import type { Navigator, Screen } from '../screen.js';
import { createMessageScreen, HOME_ACTION } from '../templates/message.js';
import { header, ListView } from '../widgets/index.js';

export interface ClarifyScreenDeps {
  /** The candidates, numbered, read aloud. */
  speech(lang: Lang, shown: readonly SearchHit[]): string;
}

/** Several close candidates: the citizen picks one by number. */
export function createClarifyScreen(
  nav: Navigator,
  deps: ClarifyScreenDeps,
  query: string,
  hits: readonly SearchHit[],
): Screen {
  // Each choice keeps the number it is read aloud with on every page: in the large theme the rows
  // of long names take two pages ("số 5" still takes the fifth).
  const list = new ListView({ id: 'result', maxRows: 5, rowHeight: 64, numbering: 'list' });
  const shown = hits.slice(0, 5);
  return {
    name: 'results',
    speech: (lang) => deps.speech(lang, shown),
    describe: () => ({
      query,
      behavior: 'clarify',
      results: shown.map((h) => h.code),
      shown: list.shown,
      // Every row as drawn, on whichever page.
      rows: list.shownAll,
      page: list.page + 1,
      pages: list.pages,
    }),
    onButton: (event) => list.onButton(event),
    render(rc) {
      const { lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        vi ? 'Bạn cần thủ tục nào?' : 'Which procedure do you need?',
        vi ? `Tìm: "${query}"` : `Search: "${query}"`,
      );
      return list.render(
        rc,
        area,
        shown.map((h) => ({
          id: h.code,
          label: h.name,
          activate: () => nav.open('procedure', { code: h.code, query }),
        })),
      );
    },
  };
}

export interface ApologyScreenDeps {
  /** Takes a number for the default group, to ask at the desk. */
  takeNumber(): void | Promise<void>;
  speech(lang: Lang): string;
}

/** Nothing relevant: say so and point to the reception desk. */
export function createApologyScreen(nav: Navigator, deps: ApologyScreenDeps, query: string): Screen {
  return createMessageScreen(nav, {
    name: 'apologize',
    tone: 'warning',
    title: { vi: 'Chưa tìm thấy thủ tục', en: 'No procedure found' },
    lines: (lang) =>
      lang === 'vi'
        ? [
            `Xin lỗi, chưa tìm thấy thủ tục phù hợp với "${query}".`,
            'Bạn có thể gõ lại bằng từ khác, hoặc hỏi cán bộ tại bàn tiếp nhận.',
          ]
        : [`Sorry, no procedure matches "${query}".`, 'Try other words, or ask at the reception desk.'],
    speech: deps.speech,
    describe: () => ({ query, behavior: 'apologize' }),
    actions: [
      {
        id: 'search-again',
        label: { vi: 'Tìm lại', en: 'Search again' },
        button: '1',
        activate: () => nav.open('search', undefined, { replace: true }),
      },
      {
        id: 'take-number',
        label: { vi: 'Lấy số hỏi cán bộ', en: 'Take a number' },
        button: '2',
        activate: () => deps.takeNumber(),
      },
      HOME_ACTION(nav),
    ],
  });
}

export interface SearchLoadingDeps {
  speech(lang: Lang): string;
  /** Told when the citizen leaves before the list is in (the search is then not opened). */
  onLeave(): void;
}

/** The procedure list is still loading (just after start): the search opens once it is in. */
export function createSearchLoadingScreen(nav: Navigator, deps: SearchLoadingDeps): Screen {
  const message = createMessageScreen(nav, {
    name: 'search-loading',
    title: { vi: 'Đang tải', en: 'Loading' },
    lines: (lang) =>
      lang === 'vi'
        ? ['Đang tải danh mục thủ tục...', 'Máy sẽ tra cứu ngay khi tải xong.']
        : ['Loading the procedure list...', 'The search runs as soon as it has loaded.'],
    speech: deps.speech,
    actions: [HOME_ACTION(nav)],
  });
  return { ...message, leave: deps.onLeave };
}

export interface SearchUnavailableDeps {
  /** Why the catalog is missing (for the simulator's state), e.g. "loading". */
  error(): string;
  speech(lang: Lang): string;
}

/** The procedure list is not loaded on this kiosk. */
export function createSearchUnavailableScreen(nav: Navigator, deps: SearchUnavailableDeps): Screen {
  return createMessageScreen(nav, {
    name: 'search-unavailable',
    tone: 'warning',
    title: { vi: 'Chưa tra cứu được', en: 'Search unavailable' },
    lines: (lang) =>
      lang === 'vi'
        ? ['Danh mục thủ tục chưa sẵn sàng trên máy này.', 'Vui lòng hỏi cán bộ tại bàn tiếp nhận.']
        : ['The procedure list is not available on this kiosk.', 'Please ask at the reception desk.'],
    speech: deps.speech,
    describe: () => ({ error: deps.error() }),
    actions: [HOME_ACTION(nav)],
  });
}
