import type { PromptGroup } from './types.js';

/** The citizen's ID card (CCCD): asking for it, greeting, and a scan that could not be read. */
export const citizenPrompts = {
  'scan-id.intro': {
    vi: 'Quét thẻ căn cước. Đưa mã QR ở mặt trước thẻ căn cước vào đầu đọc bên dưới màn hình. Thông tin trên thẻ chỉ hiện cho bạn xem và được xóa ngay khi bạn kết thúc hoặc rời máy.',
    en: 'Scan your ID card. Hold the QR code on the front of your ID card under the reader below the screen. Your details are only shown to you and are erased as soon as you finish or leave.',
  },
  /** {problem}: what is wrong with the scan, never the data itself. */
  'scan-error.retry': {
    vi: 'Chưa đọc được thẻ. {problem} Giữ thẻ thẳng, cách đầu đọc khoảng 10 cm, rồi quét lại. Nếu vẫn không được, vui lòng hỏi cán bộ.',
    en: 'Card not read. {problem} Hold the card flat about 10 cm from the reader and scan again. If it still fails, please ask the staff.',
  },
  'citizen.hello': {
    vi: 'Xin chào {honorific} {name}. Máy đã đọc thẻ căn cước của bạn; thông tin hiện trên màn hình để bạn kiểm tra.',
    en: 'Hello {honorific} {name}. Your ID card has been read; its details are on the screen for you to check.',
  },
  'citizen.diacritics-lost': {
    vi: 'Máy quét có thể đã làm mất dấu tiếng Việt, vui lòng kiểm tra lại.',
    en: 'The scanner may have dropped the Vietnamese accents, please check.',
  },
  'citizen.choices': {
    vi: 'Bấm số 1 để lấy số thứ tự, số 2 để tra cứu thủ tục, số 3 để kết thúc và xóa thông tin.',
    en: 'Press 1 to take a queue number, 2 to look up a procedure, 3 to finish and erase your details.',
  },
  'citizen.form-offer': {
    vi: 'Bấm số 4 để điền tờ khai; máy lấy thông tin từ thẻ để bạn kiểm tra.',
    en: 'Press 4 to fill in a form; the kiosk fills in the details from your card.',
  },
  'citizen.erased': {
    vi: 'Thông tin thẻ đã được xóa.',
    en: 'The card data has been erased.',
  },
} as const satisfies PromptGroup;
