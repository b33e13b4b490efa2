import type { PromptGroup } from './types.js';

/** Pieces several screens use, and the push-to-talk replies. */
export const commonPrompts = {
  /** One numbered choice in a list read aloud ("Số 1: Tư pháp - Hộ tịch."). */
  'common.choice': {
    vi: 'Số {button}: {name}.',
    en: '{button}: {name}.',
  },
  /** Between the last two of several counters ("quầy số 1 hoặc 2"). */
  'common.or': {
    vi: 'hoặc',
    en: 'or',
  },
  /** An action failed (e.g. the data disk is full): nothing was done; the staff can help. */
  'common.action-failed': {
    vi: 'Xin lỗi, máy chưa thực hiện được việc này. Vui lòng hỏi cán bộ tại quầy tiếp nhận. Bấm OK để về màn hình chính.',
    en: 'Sorry, the kiosk could not do this. Please ask at the reception counter. Press OK to go back to the start.',
  },
  /** The kiosk switches to a new app release and restarts (the updating screen). */
  'common.updating': {
    vi: 'Máy đang cập nhật phần mềm và sẽ khởi động lại. Xin vui lòng chờ khoảng một phút.',
    en: 'The kiosk is updating its software and will restart. Please wait about a minute.',
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
