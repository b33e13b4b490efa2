import type { PromptGroup } from './types.js';

/** Home screen: the menu is read from its entries ("Bấm số 1 để lấy số thứ tự"). */
export const homePrompts = {
  'home.welcome': {
    vi: 'Xin chào. Mời bạn chọn dịch vụ cần thực hiện.',
    en: 'Welcome. Please choose a service.',
  },
  'home.entry': {
    vi: 'Bấm số {button} để {label}.',
    en: 'Press {button}: {label}.',
  },
  /** Said in the new language when the citizen switches it on the home screen. */
  'home.lang-switched': {
    vi: 'Đã chuyển sang tiếng Việt.',
    en: 'Switched to English.',
  },
  'home.theme-large': {
    vi: 'Đã chuyển sang chữ to, nền đen.',
    en: 'Switched to large text on black.',
  },
  'home.theme-normal': {
    vi: 'Đã chuyển sang chữ thường, nền trắng.',
    en: 'Switched to normal text on white.',
  },
} as const satisfies PromptGroup;
