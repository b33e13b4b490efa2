import type { CheckResult, CheckStatus } from '../runtime/check-result.js';
import { tr, type Lang, type Localized } from './localize.js';

/** A check's status in words, on the maintenance screen and the printed service report. */
export const CHECK_STATUS: Record<CheckStatus, Localized> = {
  ok: { vi: 'Đạt', en: 'OK' },
  warn: { vi: 'Cảnh báo', en: 'Warning' },
  fail: { vi: 'Lỗi', en: 'Failed' },
  skip: { vi: 'Bỏ qua', en: 'Skipped' },
};

/** The checks' titles in Vietnamese, by id (the doctor writes them in English). */
const TITLES_VI: Readonly<Record<string, string>> = {
  node: 'Node.js',
  fonts: 'Phông chữ',
  'time-sync': 'Đồng hồ (NTP)',
  cpu: 'Nhiệt độ CPU',
  'data-dir': 'Thư mục dữ liệu',
  database: 'Cơ sở dữ liệu (SQLite)',
  'clock-tickets': 'Đồng hồ so với số đã phát',
  voice: 'Giọng nói (TTS)',
  'voice-input': 'Lệnh bằng giọng nói (Vosk)',
  display: 'Màn hình',
  buttons: 'Nút bấm',
  touch: 'Cảm ứng',
  printer: 'Máy in phiếu',
  'document-printer': 'Máy in A4 (tờ khai)',
  scanner: 'Máy quét',
  audio: 'Loa',
  services: 'Dịch vụ',
  broker: 'Máy chủ quản lý (MQTT)',
};

/** What some checks find, in Vietnamese (the doctor's other findings are technical: paths, versions). */
const MESSAGES_VI: Readonly<Record<string, string>> = {
  running: 'đang chạy',
  'not fitted': 'không lắp',
};

/** A check's title in `lang`: "Máy in phiếu", "Dịch vụ ui"; the doctor's own title otherwise. */
export function checkTitle(c: Pick<CheckResult, 'id' | 'title'>, lang: Lang): string {
  if (lang === 'en') return c.title;
  const service = /^service\.(.+)$/u.exec(c.id);
  if (service) return `Dịch vụ ${service[1]}`;
  return TITLES_VI[c.id] ?? c.title;
}

/** A check's finding in `lang` (the doctor's words where no translation is known). */
export function checkMessage(c: Pick<CheckResult, 'message'>, lang: Lang): string {
  return lang === 'vi' ? (MESSAGES_VI[c.message] ?? c.message) : c.message;
}

/** "Lỗi · Máy in phiếu: printer is out of paper". */
export function checkLine(c: CheckResult, lang: Lang): string {
  return `${tr(CHECK_STATUS[c.status], lang)} · ${checkTitle(c, lang)}: ${checkMessage(c, lang)}`;
}
