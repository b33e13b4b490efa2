import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import type { Procedure } from '../../../domain/catalog/procedure.js';
import { procedureView } from '../../../flows/procedure-view.js';
import type { Lang } from '../../../ui-framebuffer/localize.js';
import type { RenderContext, Screen } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { recordingContext } from '../../helpers/text-recorder.js';

const TIME = Date.parse('2026-11-25T08:30:00+07:00');
const BIRTH = '1.001193';

const context = (theme: 'large' | 'normal'): Omit<RenderContext, 'g'> => ({
  width: 800,
  height: 480,
  theme: themeByName(theme),
  lang: 'vi',
  scale: 1,
  now: TIME,
  timeZone: 'Asia/Ho_Chi_Minh',
});

/** Text without its line breaks and spaces: where a wrapped entry falls is compared as one string. */
const squash = (s: string): string => s.normalize('NFC').replace(/\s+/gu, '');

/** Every page of the screen's text (▼ turns the pages; the layout is the one of the last render). */
function pages(screen: Screen): string[][] {
  const out: string[][] = [];
  const count = screen.describe?.().pages as number;
  for (let i = 0; i < count; i++) {
    out.push([...((screen.describe?.().text as string[] | undefined) ?? [])]);
    screen.onButton?.({ id: 'down', action: 'press', at: 0 });
  }
  return out;
}

/**
 * The entries (a document, a step, a legal document with its title) split over two pages though
 * they fit on one: the lines an entry spans are on two pages, a page holds that many lines, and
 * the entry does not start its page (under its section's heading at most: a heading never ends
 * a page).
 */
function splitEntries(all: string[][], entries: readonly string[], headings: readonly string[]): string[] {
  const heading = new Set(headings.map(squash));
  // Every line with its page, and where it starts in the text of all lines run together.
  const lines = all.flatMap((p, page) => p.map((text) => ({ page, text: squash(text) })));
  const starts: number[] = [];
  let text = '';
  for (const l of lines) {
    starts.push(text.length);
    text += l.text;
  }
  const lineAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < starts.length && (starts[i + 1] ?? 0) <= offset) i++;
    return i;
  };
  const capacity = Math.max(...all.map((p) => p.filter((l) => l.trim()).length));
  const split: string[] = [];
  let from = 0;
  for (const entry of entries) {
    const e = squash(entry);
    const at = text.indexOf(e, from);
    if (at < 0) throw new Error(`not shown: ${entry}`);
    from = at + e.length;
    const first = lineAt(at);
    const last = lineAt(at + e.length - 1);
    const spanned = lines.slice(first, last + 1).filter((l) => l.text).length;
    const page = lines[first]?.page;
    const startsPage = lines.every((l, i) => i >= first || l.page !== page || !l.text || heading.has(l.text));
    if (page !== lines[last]?.page && spanned <= capacity && !startsPage) split.push(entry.slice(0, 60));
  }
  return split;
}

/**
 * #14 follow-up: in the large theme "Thủ tục đăng ký khai sinh" ran to 65 pages, and a document
 * could start at the foot of one page and end on the next ("3. Giấy chứng sinh; trường hợp không
 * có …" over pages 4 and 5). Entries move whole to the next page unless one alone is taller
 * than a page.
 */
describe('Procedure detail pages: entries whole, fewer pages (#14)', () => {
  let headless: HeadlessKiosk;
  let procedures: Procedure[];
  beforeAll(async () => {
    headless = await HeadlessKiosk.open({ width: 800, height: 480, rotation: 0, time: TIME });
    const catalog = headless.kiosk.catalog.current;
    if (!catalog) throw new Error('no catalog');
    const all = catalog.catalog.procedures;
    // Birth registration, and the procedures with the most document text (the longest entries).
    const size = (p: Procedure): number => p.documents.reduce((n, d) => n + d.name.length, 0);
    procedures = [
      ...all.filter((p) => p.code === BIRTH),
      ...[...all]
        .sort((a, b) => size(b) - size(a))
        .filter((p) => p.code !== BIRTH)
        .slice(0, 5),
    ];
  });
  afterAll(async () => {
    await headless.close();
  });

  const open = async (p: Procedure, theme: 'large' | 'normal', lang: Lang): Promise<Screen> => {
    const screen = headless.kiosk.routes.procedure.open(headless.kiosk.ui, { code: p.code });
    if (!screen) throw new Error(`no procedure ${p.code}`);
    await headless.show(screen, { theme, lang });
    return screen;
  };

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme}, ${lang}: no document, step or legal document is split when it fits on a page`, async () => {
        for (const p of procedures) {
          const view = procedureView(p, 'g');
          const vi = lang === 'vi';
          const headings = vi
            ? ['Giấy tờ cần mang', 'Tùy trường hợp', 'Các bước', 'Căn cứ pháp lý']
            : ['Documents to bring', 'Depending on your case', 'Steps', 'Legal basis'];
          const docs = view.documents(lang);
          const entries = [
            ...docs.always.map((d, i) => `${i + 1}. ${d}`),
            ...docs.conditional.map((d) => `• ${d}`),
            ...p.steps,
            ...view.legalBasis(lang).map((d, i) => `${i + 1}. ${d.line}${d.title}`),
          ];
          const all = pages(await open(p, theme, lang));
          expect(splitEntries(all, entries, headings), `${p.code} ${p.name}`).toEqual([]);
        }
      });

  it('large theme: 8 lines a page of text at 32 px or more; birth registration in fewer pages', async () => {
    const birth = procedures[0];
    if (!birth) throw new Error('no birth registration');
    const screen = await open(birth, 'large', 'vi');
    const all = pages(screen);
    // 7 lines of 34 px at 1.3 a page before, and a blank line between entries: 65 pages.
    expect(Math.max(...all.map((p) => p.filter((l) => l.trim()).length))).toBe(8);
    expect(all.length).toBeLessThan(60);
    // Every text of every page at 32 px or more (the page column's too).
    for (let i = 0; i < all.length; i++) {
      const rec = recordingContext(createCanvas(800, 480).getContext('2d'));
      screen.render({ ...context('large'), g: rec.g });
      const small = rec.drawn.filter((d) => d.text.trim() && d.size < 32 && !/^[1-9]$/u.test(d.text.trim()));
      expect(small.map((d) => `${d.size} px: ${d.text}`)).toEqual([]);
      screen.onButton?.({ id: 'down', action: 'press', at: 0 });
    }
  });
});
