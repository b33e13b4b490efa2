import type { CccdWarning, PrefilledForm } from '../../domain/identity/cccd.js';
import { wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { createMessageScreen, HOME_ACTION } from '../templates/message.js';
import { button, columns, ellipsize, header } from '../widgets/index.js';
import type { Rect } from '../../drivers/display/types.js';

/** The scanned card as the citizen screen shows it (ID number already masked). */
export interface CitizenCardView {
  fullName: string;
  /** "ông" / "bà", "Mr" / "Ms". */
  honorific: Localized;
  /** As read from the card ("Nam"). */
  gender: string;
  /** As the screen writes it: "Nam" / "Male". */
  genderShown: Localized;
  /** "•••••••• 2345". */
  idMasked: string;
  warning?: CccdWarning;
  /** The e-form fields filled in from the card (soDinhDanh unmasked: show idMasked instead). */
  form: PrefilledForm;
}

export interface CitizenScreenDeps {
  /** The card of the citizen in front of the kiosk; undefined once it was erased. */
  card(): CitizenCardView | undefined;
  /** The screen was left: forget the card, unless a newer citizen's card replaced it meanwhile. */
  release(): void;
  /** Takes a number for the default group. */
  takeNumber(): void | Promise<void>;
  /** "Điền tờ khai" (button 4): the forms, prefilled from this card; absent when the kiosk has none. */
  fillForm?: () => void;
  /** The greeting (or that the card was erased). */
  speech(lang: Lang, card: CitizenCardView | undefined): string;
}

/**
 * After a CCCD scan: greets the citizen by name and shows the e-form fields pre-filled from the
 * card (ID number masked). Leaving this screen backwards, "Kết thúc", the idle timeout or the next
 * citizen's scan wipes the card from memory.
 */
export function createCitizenScreen(nav: Navigator, deps: CitizenScreenDeps): Screen {
  /** The card's rows as drawn last (label and value lines), for the state. */
  let shownRows: { label: string; lines: string[]; whole: boolean }[] = [];
  return {
    name: 'citizen',
    speech: (lang) => deps.speech(lang, deps.card()),
    describe() {
      const c = deps.card();
      return c
        ? {
            greeting: c.fullName,
            gender: c.gender,
            idMasked: c.idMasked,
            warning: c.warning ?? null,
            // Which rows showed whole, not their values (the card stays off the state).
            rows: shownRows.map((r) => ({ label: r.label, lines: r.lines.length, whole: r.whole })),
          }
        : { greeting: null };
    },
    routesScans: true,
    leave: () => deps.release(),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const c = deps.card();
      const title = c
        ? vi
          ? `Xin chào ${c.honorific.vi} ${c.fullName}`
          : `Hello ${c.honorific.en} ${c.fullName}`
        : vi
          ? 'Đã xóa thông tin'
          : 'Details erased';
      const subtitle = vi ? 'Thông tin đọc từ thẻ căn cước' : 'Details read from your ID card';
      // The actions on one row when their labels fit it at body size, else two rows of two.
      const gap = theme.spacing * scale;
      const labels = [
        vi ? 'Lấy số' : 'Take number',
        vi ? 'Thủ tục' : 'Procedures',
        ...(deps.fillForm && c ? [vi ? 'Tờ khai' : 'Form'] : []),
        vi ? 'Kết thúc' : 'Finish',
      ];
      g.font = font(theme.size.body * scale, 600);
      const natural = labels.reduce((sum, l) => sum + g.measureText(l).width + 2 * gap + 66 * scale, 0);
      const size = theme.size.small * scale;
      const rows: [string, string][] = c
        ? [
            [vi ? 'Họ và tên' : 'Full name', c.form.hoTen],
            [vi ? 'Ngày sinh' : 'Date of birth', c.form.ngaySinh],
            [vi ? 'Giới tính' : 'Gender', tr(c.genderShown, rc.lang)],
            [vi ? 'Số định danh' : 'ID number', c.idMasked],
            [vi ? 'Nơi thường trú' : 'Residence', c.form.noiThuongTru],
          ]
        : [];
      g.font = font(size, 400);
      const labelWidth = Math.max(0, ...rows.map(([label]) => g.measureText(label).width)) + 12 * scale;
      // Each value whole, on two lines at most (an address), at the small size.
      const layout = (area: Rect) => {
        const twoRows = natural + gap * (labels.length - 1) > area.width;
        const buttonHeight = twoRows
          ? Math.max(theme.minKey, Math.round(60 * scale))
          : Math.round(68 * scale);
        const buttonsHeight = twoRows ? 2 * buttonHeight + gap : buttonHeight;
        const rowsArea = { ...area, height: area.height - buttonsHeight - gap };
        g.font = font(size, 700);
        const values = rows.map(([label, value]) => {
          const lines = wrapText(g, value, rowsArea.width - labelWidth);
          const shown = lines.slice(0, 2);
          if (lines.length > 2) shown[1] = ellipsize(g, `${shown[1] ?? ''}…`, rowsArea.width - labelWidth);
          return { label, lines: shown, whole: lines.length <= 2 };
        });
        // Airy rows where there is room, tight ones where not.
        const lines = values.reduce((sum, v) => sum + v.lines.length, 0);
        const needed = (step: number, rowGap: number): number =>
          lines * size * step + values.length * size * rowGap;
        const airy = needed(1.25, 0.3) <= rowsArea.height;
        const [step, rowGap] = airy ? [1.25, 0.3] : [1.15, 0.1];
        return {
          twoRows,
          buttonHeight,
          buttonsHeight,
          rowsArea,
          values,
          step: step * size,
          rowGap: rowGap * size,
          fits: needed(step, rowGap) <= rowsArea.height,
        };
      };
      let area = header(rc, title, subtitle);
      let plan = layout(area);
      // The card's details come first: the subtitle (the voice says it too) gives way to them.
      if (!plan.fits) {
        area = header(rc, title);
        plan = layout(area);
      }
      const { twoRows, buttonHeight, buttonsHeight, rowsArea, step, rowGap } = plan;
      shownRows = plan.values.map((v) => ({ ...v, whole: v.whole && plan.fits }));
      if (c) {
        let y = rowsArea.y;
        g.textBaseline = 'top';
        g.textAlign = 'left';
        for (const { label, lines } of plan.values) {
          g.font = font(size, 400);
          g.fillStyle = theme.mutedText;
          g.fillText(label, rowsArea.x, y, labelWidth - 8 * scale);
          g.font = font(size, 700);
          g.fillStyle = theme.text;
          for (const line of lines) {
            g.fillText(line, rowsArea.x + labelWidth, y, rowsArea.width - labelWidth);
            y += step;
          }
          y += rowGap;
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
      const row = { ...area, y: area.y + area.height - buttonsHeight, height: buttonsHeight };
      const fill = deps.fillForm;
      const specs = [
        {
          id: 'take-number',
          label: vi ? 'Lấy số' : 'Take number',
          button: '1' as const,
          activate: () => deps.takeNumber(),
        },
        {
          id: 'search',
          label: vi ? 'Thủ tục' : 'Procedures',
          button: '2' as const,
          activate: () => nav.open('search'),
        },
        {
          id: 'finish',
          label: vi ? 'Kết thúc' : 'Finish',
          button: '3' as const,
          variant: 'danger' as const,
          activate: () => nav.home(),
        },
        ...(fill && c
          ? [
              {
                id: 'fill-form',
                label: vi ? 'Tờ khai' : 'Form',
                button: '4' as const,
                activate: () => fill(),
              },
            ]
          : []),
      ];
      const cells = twoRows
        ? [0, 1].flatMap((r) => {
            const inRow = specs.slice(r * 2, r * 2 + 2);
            return columns(
              { ...row, y: row.y + r * (buttonHeight + gap), height: buttonHeight },
              inRow.map(() => 1),
              gap,
            );
          })
        : columns(
            row,
            specs.map(() => 1),
            gap,
          );
      const targets: Target[] = [];
      specs.forEach((s, i) => {
        const t = button(rc, { ...s, rect: cells[i] ?? row });
        if (t) targets.push(t);
      });
      // The tiles in the numbers' order (1, 2 / 3, 4): reading order and focus order are the same.
      return targets;
    },
  };
}

/** Asks for a CCCD scan ("Quét thẻ căn cước" on home); the scan router takes the card. */
export function createScanIdScreen(nav: Navigator, speech: (lang: Lang) => string): Screen {
  return createMessageScreen(nav, {
    name: 'scan-id',
    title: { vi: 'Quét thẻ căn cước', en: 'Scan your ID card' },
    lines: (lang) =>
      lang === 'vi'
        ? [
            'Đưa mã QR ở mặt trước thẻ căn cước vào đầu đọc bên dưới màn hình.',
            'Thông tin trên thẻ chỉ hiện cho bạn xem và được xóa khi bạn kết thúc.',
          ]
        : [
            'Hold the QR code on the front of your ID card under the reader below the screen.',
            'Your details are only shown to you and are erased when you finish.',
          ],
    speech,
    actions: [HOME_ACTION(nav)],
    routesScans: true,
  });
}

export interface ScanErrorView {
  /** The problem's code (for the simulator's state) and its explanation, never echoing the data. */
  problem: string;
  explanation: Localized;
  speech(lang: Lang): string;
}

/** A scan that is not a usable CCCD: says why (never echoing the data) and how to retry. */
export function createScanErrorScreen(nav: Navigator, view: ScanErrorView): Screen {
  return createMessageScreen(nav, {
    name: 'scan-error',
    tone: 'warning',
    title: { vi: 'Chưa đọc được thẻ', en: 'Card not read' },
    lines: (lang) => [
      lang === 'vi' ? view.explanation.vi : view.explanation.en,
      lang === 'vi'
        ? 'Giữ thẻ thẳng, cách đầu đọc khoảng 10 cm, rồi quét lại. Nếu vẫn không được, vui lòng hỏi cán bộ.'
        : 'Hold the card flat about 10 cm from the reader and scan again. If it still fails, please ask the staff.',
    ],
    speech: view.speech,
    describe: () => ({ problem: view.problem }),
    actions: [HOME_ACTION(nav)],
    // A new scan is taken here first: the citizen simply tries again.
    routesScans: true,
  });
}
