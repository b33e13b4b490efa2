import type { PromptGroup } from './types.js';

/** Taking a queue number: the groups, a closed group, the ticket and its printing. */
export const ticketPrompts = {
  'groups.intro': {
    vi: 'Chọn lĩnh vực cần giải quyết.',
    en: 'Choose a service.',
  },
  'groups.intro-priority': {
    vi: 'Số ưu tiên. Chọn lĩnh vực cần giải quyết.',
    en: 'Priority number. Choose a service.',
  },
  'groups.priority-offer': {
    vi: 'Người cao tuổi, người khuyết tật, phụ nữ mang thai hoặc người có con nhỏ bấm số 9 để lấy số ưu tiên.',
    en: 'Older people, people with disabilities, pregnant women or people with small children: press 9 for a priority number.',
  },
  'closed.intro': {
    vi: 'Hiện đang ngoài giờ làm việc. {group} chưa nhận số thứ tự. Mời quay lại lúc {opens}.',
    en: 'We are closed now. {group} is not issuing numbers. Please come back at {opens}.',
  },
  /** {number}: read digit by digit ("A, không, không, một"). */
  'ticket.number': {
    vi: 'Số thứ tự của bạn là {number}.',
    en: 'Your number is {number}.',
  },
  /** {number}: as for ticket.number. */
  'ticket.number-priority': {
    vi: 'Số ưu tiên của bạn là {number}. Bạn sẽ được phục vụ trước.',
    en: 'Your priority number is {number}. You will be served first.',
  },
  'ticket.ahead-none': {
    vi: 'Không có người chờ trước.',
    en: 'Nobody is waiting before you.',
  },
  'ticket.ahead-one': {
    vi: 'Có 1 người chờ trước.',
    en: '1 person is waiting before you.',
  },
  'ticket.ahead-many': {
    vi: 'Có {count} người chờ trước.',
    en: '{count} people are waiting before you.',
  },
  /** After the count: whose count it is. */
  'ticket.ahead-from-centre': {
    vi: 'Số người chờ theo hệ thống xếp hàng của trung tâm.',
    en: 'This count is from the centre’s queue system.',
  },
  'ticket.ahead-from-kiosk': {
    vi: 'Số người chờ chỉ tính các số lấy tại máy này.',
    en: 'This count only includes numbers taken at this kiosk.',
  },
  /** {counters}: "1 hoặc 2". */
  'ticket.counters': {
    vi: 'Vui lòng chờ gọi số tại quầy số {counters}.',
    en: 'Please wait to be called to counter {counters}.',
  },
  'ticket.take-paper': {
    vi: 'Mời nhận phiếu.',
    en: 'Please take your ticket.',
  },
  'ticket.not-printed': {
    vi: 'Máy in đang gặp sự cố, không in được phiếu. Số thứ tự vẫn hiện trên màn hình, vui lòng ghi nhớ hoặc chụp ảnh lại.',
    en: 'The printer is out of order. Your number stays on the screen: please remember it or take a photo.',
  },
  'ticket.reprint-hint': {
    vi: 'Bấm số 2 để in lại phiếu khi máy in đã sẵn sàng.',
    en: 'Press 2 to print again when the printer is ready.',
  },
  'ticket.reprinted': {
    vi: 'Đã in phiếu. Mời nhận phiếu.',
    en: 'Printed. Please take your ticket.',
  },
  /** {problem}: one of printer.*. */
  'ticket.reprint-failed': {
    vi: 'Vẫn chưa in được. {problem} Số thứ tự của bạn vẫn giữ nguyên.',
    en: 'Still not printed. {problem} Your number stays the same.',
  },
  'ticket.already-printed': {
    vi: 'Phiếu này đã được in rồi.',
    en: 'This ticket has already been printed.',
  },
  'ticket.no-more-reprints': {
    vi: 'Không thể in lại thêm. Vui lòng ghi nhớ số thứ tự.',
    en: 'No more reprints. Please remember your number.',
  },
  'printer.paper-out': {
    vi: 'Máy in hết giấy.',
    en: 'The printer is out of paper.',
  },
  'printer.cover-open': {
    vi: 'Nắp máy in đang mở.',
    en: 'The printer cover is open.',
  },
  'printer.fault': {
    vi: 'Máy in đang gặp sự cố.',
    en: 'The printer is not working.',
  },
} as const satisfies PromptGroup;
