import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../runtime/config/schema.js';
import { groupsSpeech } from '../../../flows/speech/queue.js';
import { createGroupsScreen, type GroupTileView } from '../../../ui-framebuffer/screens/groups.js';
import { drawTile } from '../../../ui-framebuffer/draw.js';
import { renderContext, stubNav } from './render-helper.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';

describe('Groups screen: counts and counters are never cut', () => {
  const groups = configSchema.parse({}).queue.groups;
  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: every tile shows its counters and its whole waiting count`, () => {
        const tiles: GroupTileView[] = groups.map((g, i) => ({
          id: g.id,
          prefix: g.prefix,
          name: { vi: g.name, en: g.nameEn ?? g.name },
          counters: g.counters,
          open: true,
          waiting: 100 + i * 17,
          opens: { vi: '', en: '' },
        }));
        const screen = createGroupsScreen(stubNav(), {
          groups: () => tiles,
          takeNumber: () => undefined,
          speech: groupsSpeech,
        });
        const { rc } = renderContext(800, 480, theme, lang);
        screen.render(rc);
        const shown = (screen.describe?.() as { shown: Record<string, string[]> }).shown;
        for (const t of tiles) {
          const text = (shown[t.id] ?? []).join('\n');
          expect(text, t.id).toContain(`${lang === 'vi' ? 'Đang chờ' : 'Waiting'}: ${t.waiting}`);
          expect(text, t.id).toContain(`${lang === 'vi' ? 'Quầy' : 'Counter'} ${t.counters.join(', ')}`);
          // Only the name may be cut, and then with "…".
          const lines = shown[t.id] ?? [];
          for (const l of lines.filter((x) => /\d/.test(x) && /Quầy|Counter|Đang chờ|Waiting/.test(x)))
            expect(l.endsWith('…'), l).toBe(false);
        }
      });
});

describe('Groups screen: every name shows whole', () => {
  const groups = configSchema.parse({}).queue.groups;
  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: each tile's name, at the theme's least size or more, with no "…"`, () => {
        const tiles: GroupTileView[] = groups.map((g) => ({
          id: g.id,
          prefix: g.prefix,
          name: { vi: g.name, en: g.nameEn ?? g.name },
          counters: g.counters,
          open: true,
          waiting: 100,
          opens: { vi: '', en: '' },
        }));
        const screen = createGroupsScreen(stubNav(), {
          groups: () => tiles,
          takeNumber: () => undefined,
          speech: groupsSpeech,
        });
        const { rc } = renderContext(800, 480, theme, lang);
        const rec = recordingContext(rc.g);
        screen.render({ ...rc, g: rec.g });
        const names = (screen.describe?.() as { names: Record<string, string[]> }).names;
        for (const t of tiles) {
          const lines = names[t.id] ?? [];
          expect(lines.join(' '), t.id).toBe(`${t.prefix} · ${t.name[lang]}`);
          expect(lines.length, t.id).toBeLessThanOrEqual(2);
          for (const l of lines) {
            const drawn = rec.drawn.find((d) => d.text === l);
            expect(drawn?.size, l).toBeGreaterThanOrEqual(themeByName(theme).size.least - 0.05);
            // Not squeezed into less than its width either.
            expect(drawn?.width ?? Infinity, l).toBeLessThanOrEqual((drawn?.maxWidth ?? Infinity) + 1);
          }
        }
      });
});

describe('Tiles: a label that does not fit ends with "…", never cut silently', () => {
  it('keeps the lines the tile holds; "In lại" fits the ticket screen\'s middle button on one line', () => {
    const { rc } = renderContext(800, 480, 'large');
    const short = { x: 0, y: 0, width: 250, height: 64 };
    expect(drawTile(rc, short, 'In lại', '2')).toEqual(['In lại']);
    const cut = drawTile(rc, short, 'In lại phiếu', '2');
    expect(cut).toHaveLength(1);
    expect(cut[0]?.endsWith('…')).toBe(true);
    const tall = { x: 0, y: 0, width: 380, height: 110 };
    const rating = drawTile(rc, tall, 'Quầy số 4, Lao động - Thương binh - Xã hội', '4');
    expect(rating).toHaveLength(2);
    expect(rating[0]).toMatch(/^Quầy số 4,/);
    expect(rating[1]?.endsWith('…')).toBe(true);
  });

  it("a label too long for two lines at the least size takes a third where the tile holds one (the rating screen's counter tiles)", () => {
    for (const theme of ['large', 'normal'] as const) {
      const { rc } = renderContext(800, 480, theme);
      // a counter tile of the rating screen: two columns, three rows under the title bar
      const tile = { x: 0, y: 0, width: 380, height: 120 };
      const label = 'Quầy số 4, Lao động - Thương binh và Xã hội';
      const lines = drawTile(rc, tile, label, '4');
      expect(lines.join(' '), theme).toBe(label);
      expect(lines.length, theme).toBeLessThanOrEqual(3);
      // a label that fits two lines keeps two
      expect(drawTile(rc, tile, 'Quầy số 1, Tư pháp - Hộ tịch', '1').length, theme).toBeLessThanOrEqual(2);
    }
  });
});
