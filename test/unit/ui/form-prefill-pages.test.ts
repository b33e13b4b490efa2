import { describe, expect, it } from 'vitest';
import { createFormPrefillScreen, type PrefillRow } from '../../../ui-framebuffer/screens/form-start.js';
import type { Target } from '../../../ui-framebuffer/screen.js';
import { recordingContext } from '../../helpers/text-recorder.js';
import { renderContext, stubNav } from './render-helper.js';

/** What a khai sinh form takes from a card: five rows, the last two long in the large theme. */
const ROWS: PrefillRow[] = [
  { label: 'Họ, chữ đệm, tên người yêu cầu', section: 'Người yêu cầu', shown: 'Trần Văn Nam' },
  { label: 'Ngày sinh', section: 'Người yêu cầu', shown: '12/04/1993' },
  { label: 'Giới tính', section: 'Người yêu cầu', shown: 'Nam' },
  { label: 'Số định danh cá nhân', section: 'Người yêu cầu', shown: '••••••••4567' },
  {
    label: 'Nơi cư trú',
    section: 'Người yêu cầu',
    shown: 'Xóm 3, Thôn Đông Hải, Xã Hải Hậu, Tỉnh Ninh Bình',
  },
];

describe('Form prefill: every row the card fills is on a page the citizen sees before "Đúng, điền vào"', () => {
  for (const theme of ['large', 'normal'] as const)
    it(`${theme}: rows that do not fit go on the next page (▲ Trang 1/2 ▼), none left out`, () => {
      const screen = createFormPrefillScreen(stubNav(), {
        form: 'Tờ khai đăng ký khai sinh',
        rows: () => ROWS,
        warning: false,
        accept: () => undefined,
        refuse: () => undefined,
        speech: () => '',
      });
      const seen: string[] = [];
      let pages = 1;
      for (let page = 0; page < pages; page++) {
        const { rc } = renderContext(800, 480, theme);
        const rec = recordingContext(rc.g);
        const targets = screen.render({ ...rc, g: rec.g }) as Target[];
        const details = screen.describe?.() as { page: number; pages: number };
        pages = details.pages;
        expect(details.page).toBe(page + 1);
        seen.push(rec.drawn.map((d) => d.text).join(' '));
        // the buttons stay; the page keys appear only when there is more than one page
        expect(targets.map((t) => t.id)).toEqual(
          expect.arrayContaining(['accept', 'refuse', ...(pages > 1 ? ['page:next'] : [])]),
        );
        targets.find((t) => t.id === 'page:next')?.activate();
      }
      if (theme === 'large') expect(pages).toBeGreaterThan(1);
      const all = seen.join(' ').replace(/\s+/g, ' ');
      for (const r of ROWS) {
        expect(all, r.label).toContain(r.label);
        expect(all, r.shown).toContain(r.shown);
      }
    });
});
