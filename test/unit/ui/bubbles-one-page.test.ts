import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../drivers/display/types.js';
import type { RenderContext } from '../../../ui-framebuffer/screen.js';
import { header } from '../../../ui-framebuffer/widgets/index.js';
import { BubblePages } from '../../../ui-framebuffer/widgets/bubbles.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { renderContext } from './render-helper.js';

/**
 * #14 walkthrough: in the large theme a short reply took two pages, the second holding only its
 * last line ("help desk where to go."): its least size is its body size, so nothing smaller was
 * tried. Closer lines come before a second page.
 */
describe('Assistant bubbles: a short reply on one page in the large theme (#14)', () => {
  // The assistant screen's conversation column at 800x480: the content under its header, less the
  // 320 px of buttons on the right and a gap; its hint line under the bubbles.
  const columnOf = (rc: RenderContext): Rect => {
    const area = header(rc, 'Ask the assistant');
    return { ...area, width: area.width - 320 * rc.scale - rc.theme.spacing * rc.scale };
  };
  const hint = 38;

  it('the apology in English: question and reply on one page, at the least size or larger', () => {
    const bubbles = new BubblePages();
    bubbles.setContent([
      { from: 'citizen', text: 'Tôi muốn mua vé máy bay' },
      {
        from: 'kiosk',
        text: "Sorry, this is not handled at the commune's public administrative service centre. Please ask at the help desk where to go.",
      },
    ]);
    const { rc } = renderContext(800, 480, 'large', 'en');
    const rec = recordingContext(rc.g);
    const column = columnOf(rc);
    const targets = bubbles.render({ ...rc, g: rec.g }, column, hint);
    expect(bubbles.pages).toBe(1);
    expect(targets).toEqual([]);
    const words = bubbles.text
      .flat()
      .flatMap((b) => b.lines)
      .join(' ');
    expect(words).toContain('help desk where to go.');
    for (const t of rec.drawn) expect(t.size, t.text).toBeGreaterThanOrEqual(rc.theme.size.least);
    // Lines stay apart: each line's top below the one before's baseline.
    const ys = rec.drawn.map((t) => t.y);
    for (let i = 1; i < ys.length; i++)
      if ((ys[i] ?? 0) > (ys[i - 1] ?? 0))
        expect((ys[i] ?? 0) - (ys[i - 1] ?? 0)).toBeGreaterThanOrEqual(rc.theme.size.least * 1.1);
  });

  it('a reply too long for one page still pages at the usual line height', () => {
    const bubbles = new BubblePages();
    bubbles.setContent([{ from: 'kiosk', text: 'Cần 2 giấy tờ: tờ khai, hộ chiếu. '.repeat(12) }]);
    const { rc } = renderContext(800, 480, 'large', 'vi');
    bubbles.render(rc, columnOf(rc), hint);
    expect(bubbles.pages).toBeGreaterThan(1);
  });
});
