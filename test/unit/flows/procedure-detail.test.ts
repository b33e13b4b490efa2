import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH } from '../../../domain/catalog/catalog-service.js';
import type { Procedure } from '../../../domain/catalog/procedure.js';
import { procedureView } from '../../../flows/procedure-view.js';
import type { Screen, Target } from '../../../ui-framebuffer/screen.js';
import { createProcedureScreen } from '../../../ui-framebuffer/screens/procedure.js';
import { renderContext, stubNav } from '../ui/render-helper.js';

const GROUP = { vi: 'Tư pháp - Hộ tịch', en: 'Justice - Civil status' };

/** A detail screen as the UI service runs it: rendered, then driven by buttons. */
function open(p: Procedure, theme: 'large' | 'normal' = 'large', lang: 'vi' | 'en' = 'vi') {
  const nav = stubNav();
  let repeats = 0;
  nav.repeatSpeech = () => void repeats++;
  const screen: Screen = createProcedureScreen(
    nav,
    { takeNumber: () => undefined },
    procedureView(p, 'tu-phap', GROUP),
  );
  const { rc } = renderContext(800, 480, theme, lang);
  let targets: Target[] = screen.render(rc);
  const state = () =>
    screen.describe?.() as Record<string, unknown> & { text: string[]; page: number; pages: number };
  return {
    screen,
    state,
    targets: () => targets,
    repeats: () => repeats,
    key(id: 'up' | 'down'): boolean {
      // Consumed: true, or the regions it changed (an empty list is consumed too).
      const used = Boolean(screen.onButton?.({ id, action: 'press', at: 0 }));
      targets = screen.render(rc);
      return used;
    },
    async button(id: string): Promise<void> {
      await targets.find((t) => t.button === id)?.activate();
      targets = screen.render(rc);
    },
    say: () => screen.speech?.(lang) ?? '',
  };
}

describe('Procedure detail: a summary first, then a page at a time', () => {
  let procedures: Procedure[];
  let birth: Procedure;
  beforeAll(async () => {
    procedures = (await readCatalogFile(DEFAULT_CATALOG_PATH)).procedures;
    birth = procedures.find((p) => p.code === '1.001193') as Procedure;
  });

  it('page 1 is the summary: name, fee, time, documents in the common case, where, online', () => {
    const d = open(birth);
    const st = d.state();
    expect(st.page).toBe(1);
    expect(st.pages).toBeGreaterThan(3);
    expect(st.text).toEqual([
      'Thủ tục đăng ký khai sinh',
      'Lệ phí: miễn phí',
      'Thời gian: 1 ngày làm việc',
      expect.stringMatching(/^Giấy tờ: 3 loại \(\+\d+ tùy trường hợp\)$/),
      'Nộp tại: quầy Tư pháp - Hộ tịch',
      'Nộp trực tuyến: có',
    ]);
    // Buttons 1-3 for actions; the page arrows are ▲/▼ (and touch).
    expect(d.targets().map((t) => t.button ?? t.id)).toEqual(['1', '2', '3', 'up', 'down']);
  });

  it('▼/▲ turn one page each, from the first press, and reach the last page in pages-1 presses', () => {
    const d = open(birth);
    const pages = d.state().pages;
    expect(d.key('down')).toBe(true);
    expect(d.state().page).toBe(2);
    expect(d.state().text[0]).toBe('Giấy tờ cần mang');
    expect(d.state().text[1]).toMatch(/^1\. Tờ khai đăng ký khai sinh/);
    for (let i = 2; i < pages; i++) d.key('down');
    expect(d.state().page).toBe(pages);
    expect(d.key('up')).toBe(true);
    expect(d.state().page).toBe(pages - 1);
    // Every section is reachable.
    const seen = new Set<string>();
    const all = open(birth);
    for (let i = 0; i < pages; i++, all.key('down')) for (const l of all.state().text) seen.add(l);
    for (const heading of [
      'Giấy tờ cần mang',
      'Tùy trường hợp',
      'Lệ phí và thời gian',
      'Kết quả',
      'Các bước',
    ])
      expect(seen).toContain(heading);
  });

  it('state, screen and voice agree on the documents: 3 in the common case, the rest by case', () => {
    const d = open(birth);
    const st = d.state();
    const docs = st.documents as { required: number; conditional: number };
    expect(docs.required).toBe(3);
    expect(docs.conditional).toBeGreaterThan(5);
    expect(st.text[3]).toBe(`Giấy tờ: 3 loại (+${docs.conditional} tùy trường hợp)`);
    expect(d.say()).toContain('Cần ba loại giấy tờ, thêm ');
    expect(d.say()).not.toMatch(/mười (ba|bốn) loại/);
  });

  it('button 2 reads the common-case documents one at a time, "Tiếp" moves on, 1 repeats', async () => {
    const d = open(birth);
    await d.button('2');
    expect(d.say()).toMatch(/^Giấy tờ số một trong ba: Tờ khai đăng ký khai sinh/);
    expect(d.targets().find((t) => t.button === '2')?.label).toBe('Tiếp');
    expect(d.targets().find((t) => t.button === '1')?.label).toBe('Nhắc lại');
    const conditional = (d.state().documents as { conditional: number }).conditional;
    expect(d.state().reading).toEqual({ document: 1, of: 3 + conditional });
    // The page shows the document being read.
    expect(d.state().text.some((l) => l.startsWith('1. Tờ khai'))).toBe(true);
    const repeats = d.repeats();
    await d.button('1');
    expect(d.repeats()).toBe(repeats + 1);
    expect(d.say()).toMatch(/^Giấy tờ số một trong ba/);
    await d.button('2');
    expect(d.say()).toMatch(/^Giấy tờ số hai trong ba: Hộ chiếu\/Thẻ căn cước/);
    expect(d.state().text.some((l) => l.startsWith('2. Hộ chiếu'))).toBe(true);
    await d.button('2');
    expect(d.say()).toMatch(/^Giấy tờ số ba trong ba: Giấy chứng sinh/);
    await d.button('2');
    expect(d.say()).toMatch(/^Tùy trường hợp, số một trong /);
    expect(d.state().text).toContain('Tùy trường hợp');
    // Each utterance is one item, not the wall of legal text.
    expect(d.say().length).toBeLessThan(400);
  });

  it('a name longer than two lines is cut with "…" on page 1 and shown whole on page 2', () => {
    const long = procedures.reduce((a, b) => (b.name.length > a.name.length ? b : a));
    const d = open(long);
    const [first, second] = d.state().text;
    expect(second?.endsWith('…')).toBe(true);
    expect(long.name.startsWith(first ?? '')).toBe(true);
    d.key('down');
    expect(d.state().text[0]).toBe('Tên đầy đủ của thủ tục');
    let shown = '';
    // Up to the documents' page (the name's last words also occur earlier in it).
    for (let i = 0; i < 10 && !d.state().text.includes('Giấy tờ cần mang'); i++) {
      shown += ` ${d.state().text.join(' ')}`;
      d.key('down');
    }
    expect(shown.replace(/\s+/g, ' ')).toContain(long.name.replace(/\s+/g, ' '));
  });

  it('the last pages are the legal basis: number, date and title of each document, no fragments', () => {
    const d = open(birth);
    const lines: string[] = [];
    for (let i = 0; i < d.state().pages; i++, d.key('down')) lines.push(...d.state().text);
    const at = lines.indexOf('Căn cứ pháp lý');
    expect(at).toBeGreaterThan(0);
    const legal = lines.slice(at + 1).join(' ');
    expect(legal).toContain('Số 123/2015/NĐ-CP, ngày 15/11/2015');
    expect(legal).toContain(
      'Nghị định của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
    );
    expect(legal).toContain('Số 66.7/2025/NQ-CP');
    expect(legal).not.toMatch(/số 66\. |\(7\/2025|dữ liệu66/);
    expect(birth.legalBasis.length).toBeGreaterThan(3);
    // Each document opens with its number line.
    const numbered = lines.slice(at + 1).filter((l) => /^\d+\. (Số|\p{L}+( \p{L}+)?, số) /u.test(l));
    expect(legal).toContain('Luật, số 60/2014/QH13');
    expect(numbered).toHaveLength(birth.legalBasis.length);
  });

  it('in English the summary, fees and methods are English', () => {
    const d = open(birth, 'normal', 'en');
    expect(d.state().text.slice(1, 3)).toEqual(['Fee: free', 'Time: 1 working day']);
    expect(d.say()).toContain('Fee: free. Processing time: 1 working day.');
    d.key('down');
    let shown: string[] = [];
    for (let i = 0; i < d.state().pages; i++, d.key('down')) shown = shown.concat(d.state().text);
    expect(shown).toContain('In person: free · 1 working day');
  });
});
