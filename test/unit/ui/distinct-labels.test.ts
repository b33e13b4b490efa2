import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogService } from '../../../domain/catalog/catalog-service.js';
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

  let catalog: CatalogService;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });

  // The rows show catalog names (Vietnamese in both languages): the theme sets how much fits.
  const lang = 'vi';
  for (const theme of ['large', 'normal'] as const)
    it(`${theme}: every choice list the shipped catalog gives the results screen`, () => {
      const queries = new Set<string>([
        'đăng ký xe',
        'đất đai',
        ...SEARCH_TOPICS.map((t) => t.query),
        ...catalog.catalog.procedures.map((p) => p.name),
        ...catalog.catalog.procedures.map((p) => p.name.split(/\s+/u).slice(0, 3).join(' ')),
      ]);
      const clashes: string[] = [];
      let lists = 0;
      for (const query of queries) {
        const hits = catalog.search.search(query, { limit: 10 }).results;
        if (hits.length < 2) continue;
        lists++;
        const screen = createClarifyScreen(stubNav(), { speech: clarifySpeech }, query, hits);
        renderScreen(screen, 800, 480, theme, lang);
        const shown = (screen.describe?.() as { shown: string[] }).shown;
        expect(shown.length, query).toBe(Math.min(5, hits.length));
        if (new Set(shown).size !== shown.length) clashes.push(`${query}: ${shown.join(' | ')}`);
      }
      expect(lists).toBeGreaterThan(50);
      expect(clashes).toEqual([]);
    });
});
