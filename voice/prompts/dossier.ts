import type { PromptGroup } from './types.js';

/** Checking a dossier (hồ sơ) by the appointment slip or its number. */
export const dossierPrompts = {
  'dossier.intro': {
    vi: 'Tra cứu hồ sơ. Đưa mã vạch trên giấy hẹn trả kết quả vào đầu đọc, hoặc gõ số hồ sơ rồi bấm Xong.',
    en: 'Dossier status. Scan the barcode on your appointment slip, or type the dossier number and press Done.',
  },
  'dossier.invalid': {
    vi: 'Số hồ sơ chưa đúng. Vui lòng kiểm tra lại số trên giấy hẹn.',
    en: 'That dossier number is not valid. Please check the number on your slip.',
  },
  'dossier.checking': {
    vi: 'Đang tra cứu, vui lòng chờ.',
    en: 'Checking, please wait.',
  },
  /** Then the status as shown on the screen, then dossier.choices. */
  'dossier.number': {
    vi: 'Hồ sơ số {number}.',
    en: 'Dossier {number}.',
  },
  /** The choices the status screen shows, one sentence each, in button order. */
  'dossier.choice-rate': {
    vi: 'Bấm số 1 để đánh giá.',
    en: 'Press 1 to rate the service.',
  },
  'dossier.choice-another': {
    vi: 'Bấm số 2 để tra cứu hồ sơ khác.',
    en: 'Press 2 to check another dossier.',
  },
  'dossier.choice-take-number': {
    vi: 'Bấm số 3 để lấy số thứ tự đến quầy.',
    en: 'Press 3 to take a queue number for the counter.',
  },
  'dossier.choice-home': {
    vi: 'Bấm OK để về trang chủ.',
    en: 'Press OK to go back to the start.',
  },
} as const satisfies PromptGroup;
