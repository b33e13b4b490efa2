import type { Localized } from '../ui-framebuffer/localize.js';

/**
 * The citizen features on the home screen, in the order the numbered buttons follow:
 * 1 take a number (default group, at once), 2 procedures, 3 dossier, 4 rating, 5 choose the field,
 * 6 scan the ID card, 7 a priority number (default group, at once; for the elderly, people with
 * disabilities, pregnant women and people with small children, served first), 8 ask the assistant.
 *
 * Only the names: what each one opens is in flows/routes.ts (registerHomeEntries). The first
 * frame (app/first-frame.ts) draws the home screen from this list before the flows are loaded.
 */
export const HOME_MENU = [
  { id: 'take-number', label: { vi: 'Lấy số thứ tự', en: 'Take a number' } },
  { id: 'search', label: { vi: 'Tra cứu thủ tục', en: 'Find a procedure' } },
  { id: 'dossier', label: { vi: 'Tra cứu hồ sơ', en: 'Check my dossier' } },
  { id: 'rating', label: { vi: 'Đánh giá', en: 'Rate our service' } },
  { id: 'groups', label: { vi: 'Chọn lĩnh vực', en: 'Choose a service' } },
  { id: 'scan-id', label: { vi: 'Quét căn cước', en: 'Scan ID card' } },
  { id: 'priority', label: { vi: 'Lấy số ưu tiên', en: 'Priority number' } },
  { id: 'assistant', label: { vi: 'Hỏi trợ lý', en: 'Ask the assistant' } },
] as const satisfies readonly { id: string; label: Localized }[];

export type HomeMenuId = (typeof HOME_MENU)[number]['id'];
