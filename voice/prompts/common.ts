import type { PromptGroup } from './types.js';

/** Prompts any screen may use. */
export const commonPrompts = {
  'common.back': {
    vi: 'Nhấn nút quay lại để trở về màn hình trước.',
    en: 'Press back to return to the previous screen.',
  },
  'common.help': {
    vi: 'Nhấn nút trợ giúp để nghe lại hướng dẫn.',
    en: 'Press help to hear these instructions again.',
  },
  'common.idle': {
    vi: 'Bạn còn ở đây không? Nhấn một nút bất kỳ để tiếp tục.',
    en: 'Are you still there? Press any button to continue.',
  },
  'common.goodbye': {
    vi: 'Cảm ơn bạn đã sử dụng dịch vụ. Xin chào và hẹn gặp lại.',
    en: 'Thank you for using the service. Goodbye.',
  },
  'common.error': {
    vi: 'Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại hoặc hỏi cán bộ tại quầy.',
    en: 'Sorry, something went wrong. Please try again or ask staff at the counter.',
  },
  'common.closed': {
    vi: 'Trung tâm hiện đã hết giờ làm việc. Giờ làm việc: {hours}.',
    en: 'The centre is closed now. Opening hours: {hours}.',
  },
  'common.language': {
    vi: 'Đã chuyển sang tiếng Việt.',
    en: 'Switched to English.',
  },
  'voice.listening': {
    vi: 'Mời bạn nói.',
    en: 'Please speak.',
  },
  'voice.not-understood': {
    vi: 'Xin lỗi, tôi chưa nghe rõ. Vui lòng giữ nút và nói lại.',
    en: 'Sorry, I did not catch that. Please hold the button and say it again.',
  },
  'voice.unavailable': {
    vi: 'Chức năng nói chưa được cài đặt trên máy này. Vui lòng dùng các nút bấm.',
    en: 'Voice commands are not installed on this kiosk. Please use the buttons.',
  },
} as const satisfies PromptGroup;
