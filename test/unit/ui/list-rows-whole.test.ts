import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogService } from '../../../domain/catalog/catalog-service.js';
import { SEARCH_TOPICS } from '../../../flows/search-topics.js';
import { clarifySpeech } from '../../../flows/speech/search.js';
import type { Navigator } from '../../../ui-framebuffer/screen.js';
import { createClarifyScreen } from '../../../ui-framebuffer/screens/results.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { renderContext, stubNav } from './render-helper.js';

interface Described {
  shown: string[];
  rows: string[];
  page: number;
  pages: number;
}

/**
 * #14 walkthrough (large theme): the results rows ended in "…" after one line ("Giải quyết tranh
 * chấp đất đai thuộc…", "Thủ tục đăng ký khai sinh cho người đã…"): two 32 px lines do not fit a
 * 64 px row. A row is now as tall as its name needs (up to three lines) and the rows that do not
 * fit go on a second page ("Trang 1/2"), each choice keeping the number it is read aloud with.
 */
describe('List rows: names whole in the large theme too (#14)', () => {
  let catalog: CatalogService;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });
  const queries = ['đất đai', 'khai sinh', 'đăng ký xe', 'kết hôn', ...SEARCH_TOPICS.map((t) => t.query)];

  for (const theme of ['large', 'normal'] as const)
    it(`${theme} theme: every row shows its name whole or what tells it apart, on some page`, () => {
      for (const query of queries) {
        const hits = catalog.search.search(query, { limit: 5 }).results.slice(0, 5);
        if (hits.length < 2) continue;
        const names = hits.map((h) => h.name);
        const screen = createClarifyScreen(stubNav(), { speech: clarifySpeech }, query, hits);
        const { rc } = renderContext(800, 480, theme, 'vi');
        const rec = recordingContext(rc.g);
        screen.render({ ...rc, g: rec.g });
        const d = screen.describe?.() as unknown as Described;
        // Every row as drawn, on whichever page (one page before: `shown`).
        const rows = d.rows ?? d.shown;
        expect(rows, query).toHaveLength(names.length);
        expect(new Set(rows).size, `${query}: ${rows.join(' | ')}`).toBe(rows.length);
        rows.forEach((row, i) => {
          const name = names[i] ?? '';
          if (row === name) return;
          const apart = /^(\S+ \S+) …(.+)$/u.exec(row);
          if (apart) {
            // The shared beginning left out, what follows it whole.
            expect(name.startsWith(apart[1] ?? '') && name.endsWith(apart[2] ?? ''), row).toBe(true);
            return;
          }
          // Cut only past three lines (names of over 120 characters), after a whole word, and
          // what shows belongs to this name alone.
          expect(name.length, `${query}: "${row}" cut`).toBeGreaterThan(120);
          expect(row.endsWith(' …'), row).toBe(true);
          const start = row.slice(0, -2);
          expect(
            names.filter((n) => n.startsWith(start)),
            row,
          ).toEqual([name]);
        });
        // No name or pager text under the theme's least size (the badges' digits aside).
        for (const t of rec.drawn.filter((t) => t.box.y > 96 && t.text.trim().length > 1))
          expect(t.size, t.text).toBeGreaterThanOrEqual(rc.theme.size.least);
      }
    });

  it('large theme: a choice on the second page keeps its number ("số 5" takes the fifth)', () => {
    const hits = catalog.search.search('đất đai', { limit: 5 }).results.slice(0, 5);
    const opened: string[] = [];
    const nav: Navigator = {
      ...stubNav(),
      open: (...args: unknown[]) => void opened.push((args[1] as { code: string }).code),
    };
    const screen = createClarifyScreen(nav, { speech: clarifySpeech }, 'đất đai', hits);
    const { rc } = renderContext(800, 480, 'large', 'vi');
    const targets = screen.render(rc);
    const d = screen.describe?.() as unknown as Described;
    expect(d.pages).toBeGreaterThan(1);
    expect(d.shown.length).toBeLessThan(5);
    // The rows on screen carry the numbers the voice reads (1..n), the pager says the page.
    expect(targets.filter((t) => t.button).map((t) => t.button)).toEqual(
      d.shown.map((_, i) => String(i + 1)),
    );
    expect(screen.onButton?.({ id: '5', action: 'press' } as never)).toBe(true);
    expect(opened).toEqual([hits[4]?.code]);
    // That page drawn: its rows numbered on from the first page's.
    const second = screen.render(rc);
    const after = screen.describe?.() as unknown as Described;
    expect(after.page).toBeGreaterThan(1);
    expect(second.filter((t) => t.button).map((t) => t.button)).toContain('5');
  });
});
