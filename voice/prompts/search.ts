import type { PromptGroup } from './types.js';

/** Looking up an administrative procedure (tra cứu thủ tục) and what the search found. */
export const searchPrompts = {
  /** {topics}: "1 Khai sinh, 2 Kết hôn, ...". */
  'search.intro': {
    vi: 'Tra cứu thủ tục. Gõ tên thủ tục trên bàn phím rồi bấm Xong, hoặc bấm số: {topics}.',
    en: 'Procedure search. Type the procedure name and press Done, or press a number: {topics}.',
  },
  /** The topics without the keyboard (large theme); {topics} as in search.intro. */
  'search.intro-topics': {
    vi: 'Tra cứu thủ tục. Bấm số: {topics}. Hoặc bấm số 7 để gõ tên thủ tục.',
    en: 'Procedure search. Press a number: {topics}. Or press 7 to type the procedure name.',
  },
  /** The keyboard alone, after "7 Gõ tên thủ tục". */
  'search.typing': {
    vi: 'Gõ tên thủ tục trên bàn phím rồi bấm Xong. Bấm quay lại để chọn chủ đề.',
    en: 'Type the procedure name and press Done. Press back for the topics.',
  },
  /** Just after start, before the procedure list is in: the search runs once it is. */
  'search.loading': {
    vi: 'Đang tải danh mục thủ tục, vui lòng chờ trong giây lát.',
    en: 'Loading the procedure list, please wait a moment.',
  },
  'search.unavailable': {
    vi: 'Chưa tra cứu được. Danh mục thủ tục chưa sẵn sàng trên máy này. Vui lòng hỏi cán bộ tại bàn tiếp nhận.',
    en: 'Search unavailable. The procedure list is not available on this kiosk. Please ask at the reception desk.',
  },
  /** {choices}: the candidates as common.choice. */
  'results.clarify': {
    vi: 'Có {count} thủ tục gần với yêu cầu của bạn. {choices} Bấm số để chọn.',
    en: '{count} procedures match. {choices} Press a number to choose.',
  },
  'results.none': {
    vi: 'Xin lỗi, chưa tìm thấy thủ tục phù hợp. Bạn có thể tìm lại bằng từ khác, hoặc hỏi cán bộ tại bàn tiếp nhận. Bấm số 1 để tìm lại, số 2 để lấy số thứ tự.',
    en: 'Sorry, no procedure matches. Press 1 to search again or 2 to take a queue number and ask at the desk.',
  },
} as const satisfies PromptGroup;
