import type { PromptGroup } from './types.js';

/** Satisfaction rating (đánh giá), five levels as in ministry surveys. */
export const ratingPrompts = {
  'rating.ask': {
    vi: 'Đánh giá mức độ hài lòng. Nhấn nút một: rất hài lòng. Nút hai: hài lòng. Nút ba: bình thường. Nút bốn: không hài lòng. Nút năm: rất không hài lòng.',
    en: 'Rate our service. Press one: very satisfied. Two: satisfied. Three: neutral. Four: dissatisfied. Five: very dissatisfied.',
  },
  'rating.counter': {
    vi: 'Bạn đánh giá {counter}. Nhấn nút số để chọn mức độ hài lòng.',
    en: 'You are rating {counter}. Press a number to choose your rating.',
  },
  'rating.thanks': {
    vi: 'Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn.',
    en: 'Thank you for your rating. It helps us serve you better.',
  },
  'rating.comment': {
    vi: 'Bạn có muốn góp ý thêm không? Nhấn nút một để góp ý, nút OK để kết thúc.',
    en: 'Would you like to add a comment? Press one to comment, OK to finish.',
  },
} as const satisfies PromptGroup;
