import type { ButtonEvent } from '../../drivers/buttons/types.js';
import type { Rect } from '../../drivers/display/types.js';
import { drawFrame } from '../draw.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import { button } from './button.js';
import { fieldAndKeys, OnScreenKeyboard, textField } from './keyboard.js';
import { columns, footerHints, splitTop } from './layout.js';
import { ListView } from './list.js';
import { ModalHost } from './modal.js';
import { progressBar, stepDots } from './progress.js';
import { qrCode } from './qr.js';
import { PagedText } from './paged-text.js';
import { Toast } from './toast.js';

export const SHOWCASE_SCENES = ['list', 'dialog', 'keyboard', 'text'] as const;
export type ShowcaseScene = (typeof SHOWCASE_SCENES)[number];

/** Catalog names (they stay Vietnamese in English) and their fee and time in both languages. */
const PROCEDURES: readonly [string, Localized][] = [
  ['Đăng ký khai sinh', { vi: 'Miễn lệ phí · 1 ngày làm việc', en: 'Free · 1 working day' }],
  ['Đăng ký kết hôn', { vi: 'Miễn lệ phí · 1 ngày làm việc', en: 'Free · 1 working day' }],
  ['Đăng ký thường trú', { vi: '15.000 đ · 7 ngày làm việc', en: '15,000 dong · 7 working days' }],
  [
    'Chứng thực bản sao từ bản chính',
    { vi: '2.000 đ/trang · trong ngày', en: '2,000 dong a page · same day' },
  ],
  ['Cấp bản sao trích lục hộ tịch', { vi: '8.000 đ/bản · trong ngày', en: '8,000 dong a copy · same day' }],
  ['Đăng ký khai tử', { vi: 'Miễn lệ phí · 1 ngày làm việc', en: 'Free · 1 working day' }],
];

const LONG_TEXT: Record<Lang, { heading: string; text: string }[]> = {
  vi: [
    {
      heading: 'Thành phần hồ sơ',
      text: '1. Tờ khai đăng ký khai sinh theo mẫu (01 bản chính).\n2. Giấy chứng sinh do cơ sở y tế cấp (01 bản chính); trường hợp không có giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh.\n3. Giấy tờ tùy thân của người đi đăng ký: hộ chiếu, chứng minh nhân dân, thẻ căn cước công dân (xuất trình).',
    },
    {
      heading: 'Thời hạn giải quyết',
      text: 'Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo.',
    },
    {
      heading: 'Căn cứ pháp lý',
      text: 'Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP quy định chi tiết thi hành một số điều của Luật Hộ tịch.',
    },
  ],
  en: [
    {
      heading: 'Documents',
      text: '1. The birth registration form (1 original).\n2. The birth certificate from the hospital or clinic (1 original); without one, a witness’s written statement of the birth.\n3. The identity document of the person registering: passport or citizen ID card (shown).',
    },
    {
      heading: 'Processing time',
      text: 'The same day the dossier is received; a dossier received after 15:00 that cannot be settled at once gets its result on the next working day.',
    },
    {
      heading: 'Legal basis',
      text: 'Law on Civil Status No. 60/2014/QH13; Decree No. 123/2015/NĐ-CP; Circular No. 04/2020/TT-BTP detailing some articles of the Law on Civil Status.',
    },
  ],
};

const FIELDS: readonly Localized[] = [
  { vi: 'Hộ tịch', en: 'Civil status' },
  { vi: 'Đất đai', en: 'Land' },
  { vi: 'Chứng thực', en: 'Certify' },
];

/**
 * A screen that shows the widgets together, used for the docs gallery and the screenshot tests.
 * Not registered in the kiosk's menu.
 */
export function createShowcaseScreen(nav: Navigator, scene: ShowcaseScene): Screen {
  const list = new ListView({ id: 'list', numberButtons: 4 });
  const modals = new ModalHost(nav);
  const toast = new Toast(nav, 60_000);
  const keyboard = new OnScreenKeyboard();
  keyboard.composer.typeAll('ddawng kys khai sinh');
  // The dialog and the toast are written once, in the language shown when the scene opens.
  const inLang = (text: Localized): string => tr(text, nav.lang);
  const text = new PagedText();
  text.setContent(LONG_TEXT[nav.lang]);
  if (scene === 'dialog') {
    modals.confirm({
      title: inLang({ vi: 'In phiếu số thứ tự?', en: 'Print a queue ticket?' }),
      message: inLang({
        vi: 'Phiếu sẽ được in ở khe bên dưới màn hình. Bấm OK để in, bấm 1 để quay lại.',
        en: 'The ticket prints from the slot under the screen. Press OK to print, 1 to go back.',
      }),
      confirmLabel: inLang({ vi: 'In phiếu', en: 'Print' }),
      cancelLabel: inLang({ vi: 'Quay lại', en: 'Back' }),
      icon: 'print',
      onConfirm: () => toast.show(inLang({ vi: 'Đã in phiếu A025', en: 'Ticket A025 printed' }), 'success'),
    });
    toast.show(inLang({ vi: 'Máy in sắp hết giấy', en: 'The printer is low on paper' }), 'error');
  }
  return {
    name: `showcase-${scene}`,
    render(rc: RenderContext): Target[] {
      const vi = rc.lang === 'vi';
      const s = rc.scale;
      const gap = rc.theme.spacing * s;
      let targets: Target[] = [];
      if (scene === 'list') {
        let area = drawFrame(
          rc,
          vi ? 'Thủ tục hộ tịch' : 'Civil status',
          vi ? 'Chọn thủ tục' : 'Pick a procedure',
        );
        area = footerHints(rc, area, [
          { button: 'ok', label: vi ? 'Chọn' : 'Select' },
          { button: 'back', label: vi ? 'Quay lại' : 'Back' },
        ]);
        targets = list.render(
          rc,
          area,
          PROCEDURES.map(([label, detail], i) => ({
            id: String(i),
            label,
            detail: tr(detail, rc.lang),
            activate: () => undefined,
          })),
        );
      } else if (scene === 'dialog') {
        const area = drawFrame(rc, vi ? 'Lấy số thứ tự' : 'Take a number');
        const [top, rest] = splitTop(area, 90 * s, gap);
        progressBar(rc, top, 0.6, vi ? 'Đang chuẩn bị phiếu…' : 'Preparing your ticket…');
        stepDots(rc, { ...rest, height: 20 * s }, 1, 3);
        const cols = columns({ ...rest, y: rest.y + 40 * s, height: 80 * s }, [1, 1, 1], gap);
        cols.forEach((r, i) => {
          const t = button(rc, {
            id: `g${i}`,
            rect: r,
            label: tr(FIELDS[i] ?? { vi: '', en: '' }, rc.lang),
            button: String(i + 1) as '1',
            activate: () => undefined,
          });
          if (t) targets.push(t);
        });
      } else if (scene === 'keyboard') {
        const area = drawFrame(rc, vi ? 'Tra cứu thủ tục' : 'Search procedures');
        // The keys get at least their smallest size; the QR and its button take what is left.
        const keysWidth = Math.max(keyboard.minSize(rc).width + 24 * s, (area.width - gap) * 0.75);
        const [left, right] = columns(area, [keysWidth, area.width - gap - keysWidth], gap);
        if (left && right) {
          const { field, keys } = fieldAndKeys(rc, left, keyboard);
          textField(rc, field, keyboard.text, vi ? 'Gõ tên thủ tục' : 'Type a procedure');
          targets = keyboard.render(rc, keys);
          const qr = qrCode(
            rc,
            { ...right, height: right.width },
            'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html',
          );
          const t = button(rc, {
            id: 'scan',
            rect: { ...right, y: qr.y + qr.height + gap, height: 64 * s },
            label: vi ? 'Quét' : 'Scan',
            ...(right.width >= 160 * s ? { icon: 'search' as const } : {}),
            variant: 'primary',
            activate: () => undefined,
          });
          if (t) targets.push(t);
        }
      } else {
        let area = drawFrame(rc, 'Đăng ký khai sinh', vi ? 'Lĩnh vực: Hộ tịch' : 'Field: civil status');
        area = footerHints(rc, area, [
          { button: 'down', label: vi ? 'Trang sau' : 'Next page' },
          { button: '1', label: vi ? 'Lấy số' : 'Take a number' },
        ]);
        targets = text.render(rc, area);
      }
      toast.render(rc);
      return modals.render(rc, targets);
    },
    onButton(event: ButtonEvent): boolean | readonly Rect[] {
      return modals.onButton(event) || text.onButton(event);
    },
    leave: () => toast.dispose(),
  };
}
