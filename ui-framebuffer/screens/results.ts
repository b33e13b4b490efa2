import type { SearchHit } from '../../domain/catalog/search-types.js';
import type { Navigator, Screen } from '../screen.js';
import { header, ListView } from '../widgets/index.js';
import type { FlowDeps } from './flow-deps.js';
import { takeNumber } from '../../flows/flow-actions.js';
import { createMessageScreen, HOME_ACTION } from './message.js';
import { createProcedureScreen } from './procedure.js';
import { createSearchScreen } from './search.js';

/** Runs a search and opens what it calls for: the answer, a choice between candidates, or an apology. */
export function openSearchResults(nav: Navigator, deps: FlowDeps, query: string): void {
  const catalog = deps.catalog();
  if (!catalog) {
    nav.go(
      createMessageScreen(nav, {
        name: 'search-unavailable',
        tone: 'warning',
        title: { vi: 'Chưa tra cứu được', en: 'Search unavailable' },
        lines: (lang) =>
          lang === 'vi'
            ? ['Danh mục thủ tục chưa sẵn sàng trên máy này.', 'Vui lòng hỏi cán bộ tại bàn tiếp nhận.']
            : ['The procedure list is not available on this kiosk.', 'Please ask at the reception desk.'],
        describe: () => ({ error: deps.catalogError() ?? 'loading' }),
        actions: [HOME_ACTION(nav)],
      }),
    );
    return;
  }
  const outcome = catalog.search.search(query, { limit: 10 });
  const first = outcome.results[0];
  if (outcome.behavior === 'answer' && first) {
    const procedure = catalog.get(first.code);
    if (procedure) {
      nav.go(createProcedureScreen(nav, deps, procedure, { query, alternatives: outcome.results.slice(1) }));
      return;
    }
  }
  if (outcome.behavior !== 'apologize' && outcome.results.length > 0) {
    nav.go(createClarifyScreen(nav, deps, query, outcome.results));
    return;
  }
  nav.go(createApologyScreen(nav, deps, query));
}

/** Several close candidates: the citizen picks one by number. */
export function createClarifyScreen(
  nav: Navigator,
  deps: FlowDeps,
  query: string,
  hits: SearchHit[],
): Screen {
  const list = new ListView({ id: 'result', maxRows: 5, rowHeight: 64 });
  // Five rows fit one page at 800x480, so every choice read aloud has its number button on screen.
  const shown = hits.slice(0, 5);
  const open = (hit: SearchHit): void => {
    const procedure = deps.catalog()?.get(hit.code);
    if (procedure) nav.go(createProcedureScreen(nav, deps, procedure, { query }));
  };
  return {
    name: 'results',
    speech: (lang) =>
      lang === 'vi'
        ? `Có ${shown.length} thủ tục gần với yêu cầu của bạn. ${shown
            .slice(0, 5)
            .map((h, i) => `Số ${i + 1}: ${h.name}.`)
            .join(' ')} Bấm số để chọn.`
        : `${shown.length} procedures match. ${shown
            .slice(0, 5)
            .map((h, i) => `${i + 1}: ${h.name}.`)
            .join(' ')} Press a number to choose.`,
    describe: () => ({ query, behavior: 'clarify', results: shown.map((h) => h.code) }),
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
        shown.map((h) => ({ id: h.code, label: h.name, activate: () => open(h) })),
      );
    },
  };
}

/** Nothing relevant: say so and point to the reception desk. */
export function createApologyScreen(nav: Navigator, deps: FlowDeps, query: string): Screen {
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
    speech: (lang) =>
      lang === 'vi'
        ? 'Xin lỗi, chưa tìm thấy thủ tục phù hợp. Bạn có thể tìm lại bằng từ khác, hoặc hỏi cán bộ tại bàn tiếp nhận. Bấm số 1 để tìm lại, số 2 để lấy số thứ tự.'
        : 'Sorry, no procedure matches. Press 1 to search again or 2 to take a queue number and ask at the desk.',
    describe: () => ({ query, behavior: 'apologize' }),
    actions: [
      {
        id: 'search-again',
        label: { vi: 'Tìm lại', en: 'Search again' },
        button: '1',
        activate: () => nav.replace(createSearchScreen(nav, deps)),
      },
      {
        id: 'take-number',
        label: { vi: 'Lấy số hỏi cán bộ', en: 'Take a number' },
        button: '2',
        activate: () => takeNumber(nav, deps, deps.queue.groups()[0]?.id ?? ''),
      },
      HOME_ACTION(nav),
    ],
  });
}
