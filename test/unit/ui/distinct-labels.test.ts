import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../domain/catalog/catalog-service.js';
import type { SearchHit } from '../../../domain/catalog/search-types.js';
import { SEARCH_TOPICS } from '../../../flows/search-topics.js';
import { clarifySpeech } from '../../../flows/speech/search.js';
import { createClarifyScreen } from '../../../ui-framebuffer/screens/results.js';
import { distinguish } from '../../../ui-framebuffer/widgets/list.js';
import { renderScreen, stubNav } from './render-helper.js';

describe('Choice labels: never two rows that read the same', () => {
  it('shows what follows the shared words when the visible parts are the same', () => {
    const cut = (l: string): string => (l.length > 30 ? `${l.slice(0, 29)}…` : l);
    const labels = distinguish(
      [
        'Đăng ký đất đai lần đầu đối với tổ chức đang sử dụng đất',
        'Đăng ký đất đai lần đầu đối với hộ gia đình, cá nhân',
        'Hòa giải tranh chấp đất đai',
      ],
      cut,
    );
    expect(labels[0]).toBe('Đăng ký …tổ chức đang sử dụng đất');
    expect(labels[1]).toBe('Đăng ký …hộ gia đình, cá nhân');
    expect(labels[2]).toBe('Hòa giải tranh chấp đất đai');
    expect(new Set(labels.map(cut)).size).toBe(3);
    // Names the same throughout are told apart by their place.
    expect(distinguish(['Cấp bản sao', 'Cấp bản sao'], cut)).toEqual(['Cấp bản sao (1)', 'Cấp bản sao (2)']);
  });

  // Every choice list the results screen can get from the shipped catalog: each procedure's name and
  // its first three words, the topics and the queries (855 distinct lists). A cut row shows
  // at least the first SHOWN characters of its name (checked on every list drawn), so only lists with
  // two of their five visible names alike that far can clash; those are drawn, once per theme
  // (drawing all of them twice took 150 s of a loaded 2-core CI, past the test timeout).
  let lists: { query: string; hits: SearchHit[] }[];
  beforeAll(async () => {
    const catalog = await loadCatalog();
    const queries = new Set<string>([
      'đăng ký xe',
      'đất đai',
      ...SEARCH_TOPICS.map((t) => t.query),
      ...catalog.catalog.procedures.map((p) => p.name),
      ...catalog.catalog.procedures.map((p) => p.name.split(/\s+/u).slice(0, 3).join(' ')),
    ]);
    const byRows = new Map<string, { query: string; hits: SearchHit[] }>();
    for (const query of queries) {
      const hits = catalog.search.search(query, { limit: 10 }).results;
      if (hits.length < 2) continue;
      const rows = hits.map((h) => h.name).join('\n');
      if (!byRows.has(rows)) byRows.set(rows, { query, hits });
    }
    lists = [...byRows.values()];
  });

  // The rows show catalog names (Vietnamese in both languages): the theme sets how much fits.
  const lang = 'vi';
  for (const theme of ['large', 'normal'] as const)
    it(`${theme}: every choice list the shipped catalog gives the results screen`, () => {
      const clashes: string[] = [];
      const drawn = lists.filter(({ hits }) =>
        mayClash(
          hits.slice(0, 5).map((h) => h.name),
          SHOWN[theme],
        ),
      );
      for (const { query, hits } of drawn) {
        const screen = createClarifyScreen(stubNav(), { speech: clarifySpeech }, query, hits);
        renderScreen(screen, 800, 480, theme, lang);
        // Every row as drawn, on whichever page (the large theme's long names take two).
        const shown = (screen.describe?.() as { rows: string[] }).rows;
        expect(shown.length, query).toBe(Math.min(5, hits.length));
        for (const [i, label] of shown.entries())
          if (label.endsWith('…') && hits[i]!.name.startsWith(label.slice(0, -1)))
            expect(label.length - 1, label).toBeGreaterThanOrEqual(SHOWN[theme]);
        if (new Set(shown).size !== shown.length) clashes.push(`${query}: ${shown.join(' | ')}`);
      }
      expect(lists.length).toBeGreaterThan(500);
      expect(drawn.length).toBeGreaterThan(20);
      expect(clashes).toEqual([]);
    });
});

/** At least this many characters of a name show on a cut row, per theme (29 and 42 measured). */
const SHOWN = { large: 28, normal: 40 };

/** Whether two names are the same over their first `shown` characters (case aside). */
function mayClash(names: string[], shown: number): boolean {
  const starts = names.map((n) => n.slice(0, shown).toLocaleLowerCase('vi'));
  return new Set(starts).size !== starts.length;
}
