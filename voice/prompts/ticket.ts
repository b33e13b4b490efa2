import type { PromptGroup } from './types.js';

/** Taking a queue number and calling it. */
export const ticketPrompts = {
  'ticket.choose-group': {
    vi: 'Nhấn nút số tương ứng với lĩnh vực bạn cần giải quyết để lấy số thứ tự.',
    en: 'Press the number of the service area you need to take a queue number.',
  },
  'ticket.issued': {
    vi: 'Số thứ tự của bạn là {ticket}. Có {ahead} người chờ trước. Vui lòng chờ gọi số tại {counter}.',
    en: 'Your number is {ticket}. {ahead} people are waiting before you. Please wait to be called to {counter}.',
  },
  'ticket.take-paper': {
    vi: 'Mời nhận phiếu bên dưới. Nhấn nút một để nghe lại, nút OK để kết thúc.',
    en: 'Please take your ticket below. Press one to hear it again, OK to finish.',
  },
  'ticket.printer-failed': {
    vi: 'Máy in đang gặp sự cố. Vui lòng ghi nhớ số thứ tự của bạn.',
    en: 'The printer is not working. Please remember your number.',
  },
  'ticket.call': {
    vi: 'Xin mời số thứ tự {ticket}, đến {counter}.',
    en: 'Number {ticket}, please come to {counter}.',
  },
  'ticket.closed-group': {
    vi: 'Lĩnh vực này đã ngừng lấy số hôm nay. Vui lòng quay lại vào ngày làm việc tiếp theo.',
    en: 'This service has stopped issuing numbers today. Please come back on the next working day.',
  },
} as const satisfies PromptGroup;
