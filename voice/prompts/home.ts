import type { PromptGroup } from './types.js';

/** Home screen: the menu is read from its entries ("Bấm số 1 để lấy số thứ tự"). */
export const homePrompts = {
  'home.welcome': {
    vi: 'Xin chào. Mời bạn chọn dịch vụ cần thực hiện.',
    en: 'Welcome. Please choose a service.',
  },
  'home.entry': {
    vi: 'Bấm số {button} để {label}.',
    en: 'Press {button} to {label}.',
  },
} as const satisfies PromptGroup;
