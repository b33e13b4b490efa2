import type { SearchTopic } from '../ui-framebuffer/screens/search.js';

/** Common requests at a commune centre, reachable with one number button on the search screen. */
export const SEARCH_TOPICS: readonly SearchTopic[] = [
  { label: { vi: 'Khai sinh', en: 'Birth' }, query: 'đăng ký khai sinh' },
  { label: { vi: 'Kết hôn', en: 'Marriage' }, query: 'đăng ký kết hôn' },
  { label: { vi: 'Khai tử', en: 'Death' }, query: 'đăng ký khai tử' },
  { label: { vi: 'Chứng thực', en: 'Certify copy' }, query: 'chứng thực bản sao từ bản chính' },
  { label: { vi: 'Cư trú', en: 'Residence' }, query: 'đăng ký thường trú' },
  { label: { vi: 'Đất đai', en: 'Land' }, query: 'đất đai' },
];
