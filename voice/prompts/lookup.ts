import type { PromptGroup } from './types.js';

/** Looking up an administrative procedure (tra cứu thủ tục). */
export const lookupPrompts = {
  'lookup.search': {
    vi: 'Tra cứu thủ tục hành chính. Nhập tên thủ tục bằng bàn phím trên màn hình, hoặc giữ nút nói và đọc tên thủ tục.',
    en: 'Procedure lookup. Type the procedure name on the screen keyboard, or hold the talk button and say it.',
  },
  'lookup.results': {
    vi: 'Tìm thấy {count} thủ tục. Nhấn nút số để xem chi tiết, nút lên xuống để chọn.',
    en: '{count} procedures found. Press a number to see details, up and down to move.',
  },
  'lookup.no-results': {
    vi: 'Không tìm thấy thủ tục phù hợp. Vui lòng thử từ khác hoặc hỏi cán bộ tại quầy.',
    en: 'No matching procedure. Please try other words or ask staff at the counter.',
  },
  'lookup.detail': {
    vi: 'Thủ tục {name}. Thời gian giải quyết {time}. Lệ phí {fee}. Nhấn nút một để in hướng dẫn, nút hai để lấy số.',
    en: 'Procedure {name}. Processing time {time}. Fee {fee}. Press one to print the guide, two to take a number.',
  },
} as const satisfies PromptGroup;
