import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wrapText } from '../../../ui-framebuffer/draw.js';
import { font } from '../../../runtime/fonts.js';
import { OnScreenKeyboard, tailThatFits } from '../../../ui-framebuffer/widgets/keyboard.js';
import { ListView } from '../../../ui-framebuffer/widgets/list.js';
import { ModalHost } from '../../../ui-framebuffer/widgets/modal.js';
import { qrCode, qrMatrix } from '../../../ui-framebuffer/widgets/qr.js';
import { PagedText } from '../../../ui-framebuffer/widgets/paged-text.js';
import { Toast } from '../../../ui-framebuffer/widgets/toast.js';
import { renderContext, stubNav } from './render-helper.js';

const items = (n: number, picked: string[] = []) =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    label: `Thủ tục ${i + 1}`,
    activate: () => void picked.push(`p${i}`),
  }));

afterEach(() => vi.useRealTimers());

describe('Widget: ListView', () => {
  it('numbers rows per page with button badges and pages with next/previous targets', async () => {
    const { rc } = renderContext(800, 480, 'normal');
    const list = new ListView({ id: 'l', numberButtons: 4 });
    const picked: string[] = [];
    const rect = { x: 10, y: 10, width: 780, height: 400 };
    let targets = list.render(rc, rect, items(12, picked));
    const rows = targets.filter((t) => t.id.startsWith('l:p'));
    expect(rows.length).toBeGreaterThan(1);
    expect(list.pages).toBe(Math.ceil(12 / rows.length));
    expect(rows.slice(0, 4).map((t) => t.button)).toEqual(
      ['1', '2', '3', '4'].slice(0, Math.min(4, rows.length)),
    );
    expect(rows.slice(4).every((t) => t.button === undefined)).toBe(true);
    expect(targets.some((t) => t.id === 'l:prev')).toBe(false); // disabled on page 1
    await targets.find((t) => t.id === 'l:next')?.activate();
    expect(list.page).toBe(1);
    targets = list.render(rc, rect, items(12, picked));
    expect(targets[0]?.label).toBe(`1. Thủ tục ${rows.length + 1}`);
    await targets[0]?.activate();
    expect(picked).toEqual([`p${rows.length}`]);
  });

  it('shows every item without a pager when they fit', () => {
    const { rc } = renderContext(800, 480, 'large');
    const targets = new ListView({ id: 'l' }).render(rc, { x: 0, y: 0, width: 800, height: 400 }, items(3));
    expect(targets.map((t) => t.id)).toEqual(['l:p0', 'l:p1', 'l:p2']);
  });
});

describe('Widget: ModalHost', () => {
  it('traps focus in the dialog, confirms on OK target, cancels on BACK', async () => {
    const nav = stubNav();
    const host = new ModalHost(nav);
    const { rc } = renderContext(800, 480, 'normal');
    const screenTargets = [
      { id: 'under', rect: { x: 0, y: 0, width: 10, height: 10 }, label: 'x', activate: () => undefined },
    ];
    const events: string[] = [];
    host.confirm({
      title: 'Huỷ?',
      message: 'Bạn có chắc?',
      confirmLabel: 'Có',
      cancelLabel: 'Không',
      onConfirm: () => void events.push('yes'),
      onCancel: () => void events.push('no'),
    });
    const targets = host.render(rc, screenTargets);
    expect(targets.map((t) => [t.id, t.button])).toEqual([
      ['cancel', '1'],
      ['confirm', 'ok'],
    ]);
    await targets[1]?.activate();
    expect(events).toEqual(['yes']);
    expect(host.isOpen).toBe(false);
    expect(host.render(rc, screenTargets)).toBe(screenTargets);
    host.confirm({
      title: 'Huỷ?',
      message: 'Bạn có chắc?',
      confirmLabel: 'Có',
      cancelLabel: 'Không',
      onConfirm: () => undefined,
      onCancel: () => void events.push('no'),
    });
    expect(host.onButton({ id: 'back', action: 'press', at: 0 })).toBe(true);
    expect(events).toEqual(['yes', 'no']);
    expect(host.onButton({ id: 'back', action: 'press', at: 0 })).toBe(false);
  });
});

describe('Widget: PagedText', () => {
  const long = (n: number) => 'Giấy tờ cần mang theo khi đăng ký. '.repeat(n);

  it('▼/▲ turn a page at a time wherever the focus is, and are kept on the first and last page', () => {
    const { rc } = renderContext(800, 480, 'large');
    const text = new PagedText();
    text.setContent([{ heading: 'Giấy tờ', text: long(60) }]);
    const rect = { x: 0, y: 0, width: 800, height: 300 };
    const targets = text.render(rc, rect);
    expect(targets.map((t) => t.id)).toEqual(['text:page-up', 'text:page-down']);
    // The arrow buttons are their physical buttons (and "trang sau" their voice command).
    expect(targets.map((t) => t.button)).toEqual(['up', 'down']);
    expect(text.pages).toBeGreaterThan(2);
    // Consumed on the first page, with nothing to redraw; a turn redraws the text's rectangle only.
    expect(text.onButton({ id: 'up', action: 'press', at: 0 })).toEqual([]);
    expect(text.page).toBe(0);
    for (let i = 1; i < text.pages; i++) {
      expect(text.onButton({ id: 'down', action: i % 2 ? 'press' : 'repeat', at: 0 })).toEqual([rect]);
      expect(text.page).toBe(i);
    }
    expect(text.onButton({ id: 'down', action: 'press', at: 0 })).toEqual([]);
    expect(text.page).toBe(text.pages - 1);
    expect(text.onButton({ id: 'ok', action: 'press', at: 0 })).toBe(false);
    expect(text.onButton({ id: 'down', action: 'long-press', at: 0 })).toBe(false);
  });

  it('starts marked sections on a new page and turns to a block by key', () => {
    const { rc } = renderContext(800, 480, 'normal');
    const text = new PagedText();
    text.setContent([
      { text: 'Tóm tắt.' },
      { heading: 'Giấy tờ', text: '1. Tờ khai', newPage: true, key: 'doc:0' },
      { text: long(30), key: 'doc:1' },
      { heading: 'Kết quả', text: 'Giấy khai sinh', newPage: true, key: 'result' },
    ]);
    const rect = { x: 0, y: 0, width: 800, height: 300 };
    text.render(rc, rect);
    expect(text.pages).toBeGreaterThanOrEqual(4);
    text.show('doc:0');
    expect(text.page).toBe(1);
    text.show('result');
    expect(text.page).toBe(text.pages - 1);
  });
});

describe('Widget: Toast', () => {
  it('hides itself after its time with one redraw', () => {
    vi.useFakeTimers();
    const nav = stubNav();
    const toast = new Toast(nav, 3000);
    toast.show('Đã in phiếu', 'success');
    expect(toast.text).toBe('Đã in phiếu');
    expect(nav.refreshes).toBe(1);
    vi.advanceTimersByTime(2999);
    expect(toast.text).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(toast.text).toBeUndefined();
    expect(nav.refreshes).toBe(2);
  });
});

describe('Widget: OnScreenKeyboard', () => {
  it('types Telex through key targets: "ddawng kys" shows "đăng ký"', async () => {
    const { rc } = renderContext(800, 480, 'normal');
    const changes: string[] = [];
    let done = '';
    const kb = new OnScreenKeyboard({ onChange: (t) => changes.push(t), onDone: (t) => void (done = t) });
    const targets = kb.render(rc, { x: 0, y: 100, width: 800, height: 380 });
    const key = (k: string) => targets.find((t) => t.id === `kb:${k}`);
    for (const k of 'ddawng') await key(k)?.activate();
    await key('space')?.activate();
    for (const k of 'kys') await key(k)?.activate();
    expect(kb.text).toBe('đăng ký');
    await key('backspace')?.activate();
    expect(kb.text).toBe('đăng k');
    await key('done')?.activate();
    expect(done).toBe('đăng k');
    expect(changes.at(-1)).toBe('đăng k');
    await key('mode')?.activate();
    expect(kb.composer.scheme).toBe('vni');
    expect(targets.every((t) => t.rect.width > 0 && t.rect.y >= 100)).toBe(true);
  });
});

describe('Text field: the end of a long text', () => {
  it('shows the whole text when it fits, else "…" and the longest end that fits (as one cut per character would)', () => {
    const { rc } = renderContext(800, 480, 'large');
    rc.g.font = font(32, 600);
    const measure = (s: string) => rc.g.measureText(s).width;
    // The reference: drop one character at a time from the front.
    const oneByOne = (text: string, room: number): string => {
      if (measure(text) <= room) return text;
      let shown = [...text];
      while (shown.length > 1 && measure(`…${shown.join('')}`) > room) shown = shown.slice(1);
      return `…${shown.join('')}`;
    };
    const address = 'Số 12 ngõ 34 đường Nguyễn Trãi, Phường Thượng Đình, Quận Thanh Xuân, Thành phố Hà Nội';
    expect(tailThatFits(address, measure, 10_000)).toBe(address);
    const cut = tailThatFits(address, measure, 400);
    expect(cut.startsWith('…')).toBe(true);
    expect(address.endsWith(cut.slice(1))).toBe(true);
    expect(measure(cut)).toBeLessThanOrEqual(400);
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 120 }),
        fc.integer({ min: 1, max: 900 }),
        (text, room) => {
          fc.pre(text.length > 0);
          expect(tailThatFits(text, measure, room)).toBe(oneByOne(text, room));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('Widget: OnScreenKeyboard for codes', () => {
  it('types a dossier number as printed: capitals, digits, . - /; no Telex, no mode key', async () => {
    const { rc } = renderContext(800, 480, 'large');
    let done = '';
    const kb = new OnScreenKeyboard({ id: 'key', layout: 'code', onDone: (t) => void (done = t) });
    const targets = kb.render(rc, { x: 0, y: 140, width: 800, height: 340 });
    const key = (k: string) => targets.find((t) => t.id === `key:${k}`);
    for (const k of ['.', '-', '/']) expect(key(k)?.label).toBe(k);
    expect(key('mode')).toBeUndefined();
    for (const ch of 'H26.22.12-251125-0003') await key(ch)?.activate();
    // Telex would have turned "DD" into "Đ" and "aw" into "ă": a code field keeps what is typed.
    for (const ch of 'DDAW') await key(ch)?.activate();
    await kb.press('mode');
    expect(kb.text).toBe('H26.22.12-251125-0003DDAW');
    expect(kb.mode).toBe('code');
    await key('done')?.activate();
    expect(done).toBe('H26.22.12-251125-0003DDAW');
  });

  it("the text keyboard's mode key reads what it shows, and the mode is reported the same way", async () => {
    const { rc } = renderContext(800, 480, 'large');
    const kb = new OnScreenKeyboard({ id: 'key', scheme: 'off' });
    const label = () =>
      kb.render(rc, { x: 0, y: 140, width: 800, height: 340 }).find((t) => t.id === 'key:mode')?.label;
    expect([kb.mode, label()]).toEqual(['abc', 'ABC']);
    await kb.press('mode');
    expect([kb.mode, label()]).toEqual(['telex', 'Telex']);
    await kb.press('mode');
    expect([kb.mode, label()]).toEqual(['vni', 'VNI']);
  });
});

describe('Widget: QR code', () => {
  it('draws exactly the modules of the qrcode matrix, dark on white', () => {
    const { rc, canvas } = renderContext(800, 480, 'large');
    const text = 'https://dichvucong.gov.vn/?ma=1.001193';
    const drawn = qrCode(rc, { x: 10, y: 10, width: 300, height: 300 }, text);
    const m = qrMatrix(text);
    const px = drawn.width / (m.size + 4);
    expect(Number.isInteger(px)).toBe(true);
    const data = canvas.getContext('2d').getImageData(0, 0, 800, 480).data;
    for (let r = 0; r < m.size; r++) {
      for (let c = 0; c < m.size; c++) {
        const x = Math.floor(drawn.x + (c + 2.5) * px);
        const y = Math.floor(drawn.y + (r + 2.5) * px);
        const v = data[(y * 800 + x) * 4] ?? -1;
        expect(v, `module ${r},${c}`).toBe(m.dark[r * m.size + c] ? 0 : 255);
      }
    }
    expect(() => qrMatrix('')).toThrow(TypeError);
  });
});

describe('Text wrapping', () => {
  it('breaks at spaces and splits words wider than the line', () => {
    const { rc } = renderContext(800, 480, 'normal');
    rc.g.font = font(26);
    const lines = wrapText(
      rc.g,
      'Căn cứ pháp lý: https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?ItemID=139264 và Luật Hộ tịch',
      200,
    );
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(rc.g.measureText(l).width).toBeLessThanOrEqual(200);
    expect(lines.join('').replace(/\s/g, '')).toBe(
      'Căncứpháplý:https://vbpl.vn/tw/Pages/vbpq-toanvan.aspx?ItemID=139264vàLuậtHộtịch',
    );
  });

  it('cuts one very long word with a number of measurements linear in its length', () => {
    const { rc } = renderContext(800, 480, 'normal');
    rc.g.font = font(26);
    const measured = (word: string): { lines: string[]; calls: number } => {
      const real = rc.g.measureText.bind(rc.g);
      let calls = 0;
      const spy = vi.spyOn(rc.g, 'measureText').mockImplementation((t: string) => {
        calls++;
        return real(t);
      });
      const lines = wrapText(rc.g, `Mã: ${word} hết`, 300);
      spy.mockRestore();
      return { lines, calls };
    };
    const short = measured('đăngkýkhaisinh'.repeat(100));
    const long = measured('đăngkýkhaisinh'.repeat(800));
    // Quadratic cutting (re-measuring each prefix from the end) made ~64× the calls for 8× the length.
    expect(long.calls).toBeLessThan(short.calls * 10);
    expect(long.calls).toBeLessThan(2 * 14 * 800);
    for (const l of long.lines) expect(rc.g.measureText(l).width).toBeLessThanOrEqual(300);
    expect(long.lines.join('').replace(/\s/g, '')).toBe(`Mã:${'đăngkýkhaisinh'.repeat(800)}hết`);
    // Lines are filled, not cut one letter at a time.
    expect(long.lines.length).toBeLessThan((rc.g.measureText('đăngkýkhaisinh').width * 800) / 250 + 3);
  });

  it('never cuts inside a grapheme (combining marks, emoji sequences)', () => {
    const { rc } = renderContext(800, 480, 'normal');
    rc.g.font = font(26);
    const word = 'Hộ'.normalize('NFD').repeat(60) + '👨‍👩‍👧'.repeat(20);
    const lines = wrapText(rc.g, word, 120);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) {
      expect(l.normalize('NFC')).toBe(l);
      expect(/^[\u0300-\u036f\u200d]/u.test(l)).toBe(false);
      expect(/\u200d$/u.test(l)).toBe(false);
    }
    expect(lines.join('')).toBe(word.normalize('NFC'));
  });
});
