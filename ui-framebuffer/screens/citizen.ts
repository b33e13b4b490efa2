import {
  CCCD_PROBLEM_TEXT,
  honorific,
  maskIdNumber,
  prefillForm,
  type CccdProblem,
} from '../../domain/identity/cccd.js';
import { wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { button, columns, header } from '../widgets/index.js';
import { createMessageScreen, HOME_ACTION } from './message.js';
import type { FlowDeps } from './flow-deps.js';
import { routeScan, takeNumber } from '../../flows/flow-actions.js';
import { createSearchScreen } from './search.js';

/**
 * After a CCCD scan: greets the citizen by name and shows the e-form fields pre-filled from the
 * card (ID number masked). Leaving this screen backwards, "Kết thúc", the idle timeout or the next
 * citizen's scan wipes the card from memory.
 */
export function createCitizenScreen(nav: Navigator, deps: FlowDeps): Screen {
  const card = () => deps.identity.current();
  return {
    name: 'citizen',
    speech(lang) {
      const c = card();
      if (!c) return lang === 'vi' ? 'Thông tin thẻ đã được xóa.' : 'The card data has been erased.';
      if (lang === 'en')
        return `Hello ${honorific(c, 'en')} ${c.fullName}. Your card details are filled in. Press 1 to take a queue number, 2 to look up a procedure, 3 to finish and erase your details.`;
      return (
        `Xin chào ${honorific(c, 'vi')} ${c.fullName}. Thông tin trên thẻ đã được điền sẵn vào tờ khai. ` +
        (c.warning ? 'Máy quét có thể đã làm mất dấu tiếng Việt, vui lòng kiểm tra lại. ' : '') +
        'Bấm số 1 để lấy số thứ tự, số 2 để tra cứu thủ tục, số 3 để kết thúc và xóa thông tin.'
      );
    },
    describe() {
      const c = card();
      return c
        ? {
            greeting: c.fullName,
            gender: c.gender,
            idMasked: maskIdNumber(c.idNumber),
            warning: c.warning ?? null,
          }
        : { greeting: null };
    },
    onScan: (data) => routeScan(nav, deps, data),
    // Deferred: when home()/idle is what left the screen, the session is wiped with that reason first.
    // Never wipes a newer citizen's card (a new scan replaces the screen and the session).
    leave: () => {
      const mine = card();
      queueMicrotask(() => {
        if (mine && deps.identity.current() === mine) deps.identity.end();
      });
    },
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const c = card();
      const area = header(
        rc,
        c
          ? vi
            ? `Xin chào ${honorific(c, 'vi')} ${c.fullName}`
            : `Hello ${honorific(c, 'en')} ${c.fullName}`
          : vi
            ? 'Đã xóa thông tin'
            : 'Details erased',
        vi ? 'Thông tin tờ khai điền sẵn từ thẻ căn cước' : 'Form details filled in from your ID card',
      );
      const buttonHeight = Math.round(68 * scale);
      const rowsArea = { ...area, height: area.height - buttonHeight - theme.spacing * scale };
      if (c) {
        const form = prefillForm(c);
        const rows: [string, string][] = [
          [vi ? 'Họ và tên' : 'Full name', form.hoTen],
          [vi ? 'Ngày sinh' : 'Date of birth', form.ngaySinh],
          [vi ? 'Giới tính' : 'Gender', form.gioiTinh],
          [vi ? 'Số định danh' : 'ID number', maskIdNumber(form.soDinhDanh)],
          [vi ? 'Nơi thường trú' : 'Residence', form.noiThuongTru],
        ];
        const size = theme.size.small * scale;
        const labelWidth = 190 * scale;
        let y = rowsArea.y;
        g.textBaseline = 'top';
        g.textAlign = 'left';
        for (const [label, value] of rows) {
          g.font = font(size, 400);
          g.fillStyle = theme.mutedText;
          g.fillText(label, rowsArea.x, y, labelWidth - 8 * scale);
          g.font = font(size, 700);
          g.fillStyle = theme.text;
          const lines = wrapText(g, value, rowsArea.width - labelWidth).slice(0, 2);
          for (const line of lines) {
            if (y + size * 1.25 > rowsArea.y + rowsArea.height) break;
            g.fillText(line, rowsArea.x + labelWidth, y, rowsArea.width - labelWidth);
            y += size * 1.25;
          }
          y += size * 0.15;
        }
        if (c.warning && y + size * 1.2 < rowsArea.y + rowsArea.height) {
          g.fillStyle = theme.danger;
          g.font = font(size, 700);
          g.fillText(
            vi
              ? 'Chữ có thể bị mất dấu khi quét. Vui lòng kiểm tra lại.'
              : 'Diacritics may have been lost. Please check.',
            rowsArea.x,
            y,
            rowsArea.width,
          );
        }
      }
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const cells = columns(row, [1, 1, 1], theme.spacing * scale);
      const specs = [
        {
          id: 'take-number',
          label: vi ? 'Lấy số' : 'Take number',
          button: '1' as const,
          activate: () => takeNumber(nav, deps, deps.queue.groups()[0]?.id ?? ''),
        },
        {
          id: 'search',
          label: vi ? 'Thủ tục' : 'Procedures',
          button: '2' as const,
          activate: () => nav.go(createSearchScreen(nav, deps)),
        },
        {
          id: 'finish',
          label: vi ? 'Kết thúc' : 'Finish',
          button: '3' as const,
          variant: 'danger' as const,
          activate: () => nav.home(),
        },
      ];
      const targets: Target[] = [];
      specs.forEach((s, i) => {
        const t = button(rc, { ...s, rect: cells[i] ?? row });
        if (t) targets.push(t);
      });
      return targets;
    },
  };
}

/** Asks for a CCCD scan ("Quét thẻ căn cước" on home). */
export function createScanIdScreen(nav: Navigator, deps: FlowDeps): Screen {
  return createMessageScreen(nav, {
    name: 'scan-id',
    title: { vi: 'Quét thẻ căn cước', en: 'Scan your ID card' },
    lines: (lang) =>
      lang === 'vi'
        ? [
            'Đưa mã QR ở mặt trước thẻ căn cước vào đầu đọc bên dưới màn hình.',
            'Thông tin chỉ dùng để điền sẵn tờ khai và được xóa ngay khi bạn rời máy.',
          ]
        : [
            'Hold the QR code on the front of your ID card under the reader below the screen.',
            'Your details are only used to fill in forms and are erased when you leave.',
          ],
    actions: [HOME_ACTION(nav)],
    onScan: (data) => routeScan(nav, deps, data),
  });
}

/** A scan that is not a usable CCCD: says why (never echoing the data) and how to retry. */
export function createScanErrorScreen(nav: Navigator, problem: CccdProblem): Screen {
  return createMessageScreen(nav, {
    name: 'scan-error',
    tone: 'warning',
    title: { vi: 'Chưa đọc được thẻ', en: 'Card not read' },
    lines: (lang) => [
      CCCD_PROBLEM_TEXT[problem][lang],
      lang === 'vi'
        ? 'Giữ thẻ thẳng, cách đầu đọc khoảng 10 cm, rồi quét lại. Nếu vẫn không được, vui lòng hỏi cán bộ.'
        : 'Hold the card flat about 10 cm from the reader and scan again. If it still fails, please ask the staff.',
    ],
    describe: () => ({ problem }),
    actions: [HOME_ACTION(nav)],
  });
}
