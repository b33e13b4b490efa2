import type { PromptGroup } from './types.js';

/** Checking a dossier (hồ sơ) by its receipt code or CCCD card. */
export const dossierPrompts = {
  'dossier.enter': {
    vi: 'Tra cứu hồ sơ. Đưa mã QR trên giấy biên nhận vào máy quét, hoặc nhập mã hồ sơ bằng bàn phím.',
    en: 'Dossier status. Hold the QR code of your receipt to the scanner, or type the dossier code.',
  },
  'dossier.status': {
    vi: 'Hồ sơ {code}: {status}. Ngày hẹn trả kết quả: {date}.',
    en: 'Dossier {code}: {status}. Results expected on {date}.',
  },
  'dossier.not-found': {
    vi: 'Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy biên nhận.',
    en: 'No dossier has this code. Please check the code on your receipt.',
  },
  'dossier.scan-card': {
    vi: 'Đặt mặt sau thẻ căn cước có mã QR vào máy quét.',
    en: 'Place the back of your citizen ID card, with the QR code, on the scanner.',
  },
  'dossier.card-read': {
    vi: 'Đã đọc thẻ căn cước. Thông tin của bạn sẽ được xóa khi bạn rời máy.',
    en: 'Your ID card was read. Your details are erased when you leave.',
  },
} as const satisfies PromptGroup;
