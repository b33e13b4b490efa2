import type { PromptGroup } from './types.js';

/** Satisfaction rating (đánh giá): which counter, then the level. */
export const ratingPrompts = {
  /** One numbered answer ("số 1: Rất hài lòng"), joined with commas into {options}. */
  'rating.option': {
    vi: 'số {button}: {label}',
    en: '{button}: {label}',
  },
  'rating.counter': {
    vi: 'Bạn vừa được phục vụ tại quầy nào? Bấm {options}.',
    en: 'Which counter served you? Press {options}.',
  },
  'rating.level': {
    vi: 'Bạn có hài lòng với sự phục vụ không? Bấm {options}.',
    en: 'How satisfied are you with the service? Press {options}.',
  },
  'rating.level-at-counter': {
    vi: 'Bạn có hài lòng với sự phục vụ của quầy số {counter} không? Bấm {options}.',
    en: 'How satisfied are you with the service at counter {counter}? Press {options}.',
  },
  'rating.thanks': {
    vi: 'Cảm ơn bạn đã đánh giá: {label}.',
    en: 'Thank you for your feedback: {label}.',
  },
} as const satisfies PromptGroup;
