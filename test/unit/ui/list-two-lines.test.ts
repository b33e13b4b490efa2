import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogService } from '../../../domain/catalog/catalog-service.js';
import { clarifySpeech } from '../../../flows/speech/search.js';
import { createClarifyScreen } from '../../../ui-framebuffer/screens/results.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { renderContext, stubNav } from './render-helper.js';

/**
 * #14 walkthrough (normal theme): the results rows cut names after one line ("Thủ tục đăng ký
 * khai sinh cho người đã có hồ sơ, giấ…", "Giải quyết tranh chấp đất đai thuộc thẩm quyền củ…")
 * though two lines a little smaller fit the 64 px row. A name that needs two lines takes them,
 * at the body size or down to the theme's least.
 */
describe('List rows: a long name in two lines before "…" (#14)', () => {
  let catalog: CatalogService;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });

  for (const query of ['đất đai', 'khai sinh', 'đăng ký xe', 'kết hôn'])
    it(`normal theme, "${query}": every row's name whole`, () => {
      const hits = catalog.search.search(query, { limit: 5 }).results;
      expect(hits.length).toBeGreaterThan(2);
      const screen = createClarifyScreen(stubNav(), { speech: clarifySpeech }, query, hits);
      const { rc } = renderContext(800, 480, 'normal', 'vi');
      const rec = recordingContext(rc.g);
      screen.render({ ...rc, g: rec.g });
      const shown = (screen.describe?.() as { rows: string[] }).rows;
      expect(shown).toHaveLength(hits.length);
      // Names up to 120 characters (two lines at 24 px hold them); the 192-character ones of
      // "đăng ký xe" stay cut (their detail page has them whole).
      shown.forEach((label, i) => {
        if ((hits[i]?.name.length ?? 0) <= 120) expect(label.endsWith('…'), label).toBe(false);
      });
      // Nothing smaller than the theme's least size, nothing wider than its row.
      for (const d of rec.drawn.filter((t) => t.box.y > 90 && t.text.trim()))
        expect(d.size, d.text).toBeGreaterThanOrEqual(rc.theme.size.least);
    });
});
