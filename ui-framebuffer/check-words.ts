import type { CheckResult, CheckStatus } from '../runtime/check-result.js';
import { passedFinding } from './check-passed-words.js';
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
  'clock-tickets': 'Giờ so với số đã phát',
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
  'handoff-key': 'Khoá ký phiếu nộp',
  broker: 'Máy chủ quản lý (MQTT)',
};

/** What some checks find, in Vietnamese (the doctor's other findings are technical: paths, versions). */
const MESSAGES_VI: Readonly<Record<string, string>> = {
  running: 'đang chạy',
  'not fitted': 'không lắp',
  'not fitted (driver: none)': 'không lắp',
  synchronised: 'đã đồng bộ',
  'no ticket stored yet': 'chưa có số nào',
  'no database yet': 'chưa có cơ sở dữ liệu',
  'voice input is off': 'tắt',
};

/**
 * What a warning or failure means and what to do, in Vietnamese, by the check's `code` (the
 * drivers' DriverError codes and the doctor's own). The doctor's English words, with paths and
 * figures, stay in `kiosk doctor` and on the printed service report.
 */
const FINDINGS_VI: Readonly<Record<string, { message: string; hint: string }>> = {
  'paper-out': { message: 'hết giấy', hint: 'Nạp cuộn giấy mới (mặt nhiệt hướng vào đầu in), đóng nắp.' },
  'paper-near-end': { message: 'giấy sắp hết', hint: 'Chuẩn bị nạp cuộn giấy mới.' },
  'cover-open': { message: 'nắp đang mở', hint: 'Đóng chặt nắp máy in đến khi nghe tiếng tách.' },
  fault: {
    message: 'báo lỗi (kẹt dao cắt hoặc quá nóng)',
    hint: 'Tắt máy in, gỡ giấy kẹt, để nguội rồi bật lại.',
  },
  offline: { message: 'đang ngoại tuyến', hint: 'Bấm nút online/feed hoặc tắt bật lại máy in.' },
  'bad-status': {
    message: 'trả lời sai trạng thái',
    hint: 'Kiểm tra tốc độ cổng (printer.baudRate) và cáp máy in.',
  },
  'no-status': { message: 'không báo trạng thái', hint: 'Kiểm tra cáp và nguồn máy in.' },
  'no-device': { message: 'không tìm thấy thiết bị', hint: 'Kiểm tra cáp và nguồn; xem ls -l /dev/kiosk-*.' },
  ENOENT: { message: 'không tìm thấy thiết bị', hint: 'Kiểm tra cáp và nguồn; xem ls -l /dev/kiosk-*.' },
  permission: {
    message: 'không có quyền mở thiết bị',
    hint: 'Chạy lại deploy/install.sh rồi khởi động lại máy.',
  },
  EACCES: {
    message: 'không có quyền mở thiết bị',
    hint: 'Chạy lại deploy/install.sh rồi khởi động lại máy.',
  },
  refused: { message: 'từ chối kết nối', hint: 'Kiểm tra địa chỉ, cổng và nguồn thiết bị.' },
  timeout: { message: 'không trả lời kịp', hint: 'Kiểm tra cáp và nguồn thiết bị.' },
  'open-timeout': { message: 'không mở được kịp', hint: 'Kiểm tra cáp và nguồn thiết bị.' },
  'connect-timeout': { message: 'không kết nối được kịp', hint: 'Kiểm tra cáp mạng và nguồn thiết bị.' },
  'write-timeout': { message: 'không nhận dữ liệu', hint: 'Kiểm tra cáp và nguồn thiết bị.' },
  'write-failed': { message: 'gửi dữ liệu không được', hint: 'Kiểm tra cáp và nguồn thiết bị.' },
  'not-open': { message: 'chưa mở', hint: 'Bấm 5 hai lần để khởi động lại kiosk.' },
  'open-failed': { message: 'không mở được', hint: 'Kiểm tra cáp và nguồn thiết bị.' },
  'connection-lost': { message: 'mất kết nối', hint: 'Kiểm tra cáp và nguồn thiết bị.' },
  busy: { message: 'đang bận', hint: 'Chờ máy in A4 in xong việc đang in, rồi kiểm tra lại.' },
  'not-accepting': { message: 'không nhận lệnh in', hint: 'Kiểm tra máy in A4 (giấy, nguồn, hàng đợi in).' },
  'no-printer': { message: 'không tìm thấy máy in', hint: 'Kiểm tra máy in A4 và địa chỉ của nó.' },
  canceled: { message: 'đã hủy kiểm tra', hint: 'Bấm 1 để kiểm tra lại.' },
  'bad-config': { message: 'cấu hình sai', hint: 'Sửa cấu hình: sudo kiosk provision.' },
  config: { message: 'cấu hình sai', hint: 'Sửa cấu hình: sudo kiosk provision.' },
  'not-writable': { message: 'không ghi được', hint: 'Cấp quyền thư mục cho kiosk (xem kiosk doctor).' },
  'read-only': { message: 'chỉ đọc, không ghi được', hint: 'Cấp quyền ghi cho kiosk (xem kiosk doctor).' },
  'disk-full': {
    message: 'thẻ nhớ gần đầy',
    hint: 'Giải phóng chỗ trống: sudo journalctl --vacuum-size=50M.',
  },
  'disk-low': { message: 'thẻ nhớ sắp đầy', hint: 'Giải phóng chỗ sớm: sudo journalctl --vacuum-size=50M.' },
  corrupt: { message: 'dữ liệu bị hỏng', hint: 'Khôi phục: sudo kiosk db recover (docs/reliability.md).' },
  unopenable: { message: 'không mở được', hint: 'Khôi phục: sudo kiosk db recover (docs/reliability.md).' },
  'recovery-pending': {
    message: 'khôi phục dở dang, chưa phát số',
    hint: 'Chạy lại: sudo kiosk db recover (docs/reliability.md).',
  },
  'too-old': {
    message: 'phiên bản quá cũ (cần 20 trở lên)',
    hint: 'Cài Node 20: deploy/install.sh --nodesource.',
  },
  'clock-wrong': { message: 'đồng hồ sai', hint: 'Nối mạng rồi chạy: sudo timedatectl set-ntp true.' },
  'not-synced': {
    message: 'chưa đồng bộ giờ (NTP)',
    hint: 'Kiểm tra mạng rồi chạy: sudo timedatectl set-ntp true.',
  },
  'clock-behind': {
    message: 'đồng hồ chậm hơn số đã phát',
    hint: 'Nối mạng rồi chạy: sudo timedatectl set-ntp true.',
  },
  'under-voltage': {
    message: 'thiếu điện áp',
    hint: 'Dùng nguồn chuẩn 5 V (3 A cho Pi 4, 5 A cho Pi 5), cáp ngắn.',
  },
  overheating: { message: 'quá nóng, đang giảm tốc', hint: 'Lắp tản nhiệt hoặc quạt, để thông khe gió.' },
  hot: { message: 'nóng', hint: 'Kiểm tra quạt và khe thông gió, tránh nắng trực tiếp.' },
  'was-throttled': { message: 'đã bị thiếu điện hoặc giảm tốc', hint: 'Kiểm tra nguồn điện và tản nhiệt.' },
  'not-installed': { message: 'chưa cài đặt', hint: 'Cài đặt: sudo apt install espeak-ng.' },
  'no-voice': {
    message: 'thiếu giọng đọc tiếng Việt',
    hint: 'Đặt voice.voice là vi (kiosk provision --voice-region).',
  },
  'no-model': {
    message: 'chưa có mô hình nhận giọng',
    hint: 'Cài: kiosk voice model install (docs/voice.md).',
  },
  'no-glyphs': { message: 'không hiển thị được chữ Việt', hint: 'Cài lại ứng dụng (deploy/install.sh).' },
  missing: { message: 'thiếu tệp', hint: 'Cài lại ứng dụng (deploy/install.sh).' },
  'tls-file': { message: 'thiếu tệp chứng thư (TLS)', hint: 'Chép lại tệp hoặc chạy lại kiosk provision.' },
  failed: { message: 'đã dừng', hint: 'Xem nguyên nhân: journalctl -u smart-kiosk -n 100.' },
  'check-error': {
    message: 'kiểm tra bị lỗi',
    hint: 'Bấm 1 để kiểm tra lại; xem journalctl -u smart-kiosk.',
  },
  'connect-failed': { message: 'không kết nối được', hint: 'Kiểm tra địa chỉ máy chủ, mạng và tệp TLS.' },
  ECONNREFUSED: { message: 'không kết nối được', hint: 'Kiểm tra địa chỉ, cổng và máy chủ.' },
  ENOTFOUND: { message: 'không tìm thấy tên máy chủ', hint: 'Kiểm tra địa chỉ và DNS.' },
  ETIMEDOUT: { message: 'máy chủ không trả lời', hint: 'Kiểm tra mạng và tường lửa (cổng 8883).' },
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

/**
 * What the maintenance screen says of one check in `lang`: the finding and what to do. In
 * Vietnamese a warning or failure is read by its code ("hết giấy" → "Nạp cuộn giấy mới…"; an
 * unknown code is named, its details are on the printed report); in English the doctor's words
 * and fix. A passed or skipped check is read in a few words by its id and the doctor's words, in
 * either language ("sẵn sàng, còn giấy" / "ready, paper ok", check-passed-words.ts).
 */
export function checkFinding(
  c: Pick<CheckResult, 'status' | 'message' | 'hint' | 'code'> & { id?: string },
  lang: Lang,
): { message?: string; hint?: string } {
  const problem = c.status === 'fail' || c.status === 'warn';
  // The doctor's figures ("71 °C", "v20.20.2") read the same in Vietnamese.
  const figures = figuresOnly(c.message) ? c.message : undefined;
  if (!problem)
    return { message: passedFinding({ id: c.id ?? '', status: c.status, message: c.message }, lang) };
  if (lang === 'en') return { message: c.message, ...(c.hint ? { hint: c.hint } : {}) };
  const found = c.code ? FINDINGS_VI[c.code] : undefined;
  if (found) return figures ? { ...found, message: `${found.message} (${figures})` } : found;
  return {
    message: c.code
      ? `${tr(CHECK_STATUS[c.status], lang).toLowerCase()} (mã ${c.code})`
      : tr(CHECK_STATUS[c.status], lang).toLowerCase(),
    hint: 'Xem chi tiết trên báo cáo in (nút 2).',
  };
}

/** Units that may stand in a finding of figures only. */
const UNITS = new Set(['MB', 'MiB', 'GB', 'GiB', 'ms', 'px']);

/** Whether `message` is figures and units only (no English words to translate). */
function figuresOnly(message: string): boolean {
  return /\d/u.test(message) && (message.match(/[A-Za-z]{2,}/gu) ?? []).every((w) => UNITS.has(w));
}

/** "Lỗi · Máy in phiếu: printer is out of paper". */
export function checkLine(c: CheckResult, lang: Lang): string {
  return `${tr(CHECK_STATUS[c.status], lang)} · ${checkTitle(c, lang)}: ${checkMessage(c, lang)}`;
}

/**
 * One remembered fault: "08:12:05 Máy in phiếu: hết giấy → Nạp cuộn giấy mới…" in Vietnamese,
 * "08:12:05 printer: printer is out of paper — load a new paper roll" (the doctor's words) in English.
 */
export function errorLine(
  e: { at: string; check: Pick<CheckResult, 'id' | 'title' | 'status' | 'message' | 'code' | 'hint'> },
  lang: Lang,
): string {
  const c = e.check;
  if (lang === 'en') return `${e.at} ${c.id}: ${c.message}${c.hint ? ` — ${c.hint}` : ''}`;
  const { message, hint } = checkFinding(c, lang);
  return `${e.at} ${checkTitle(c, lang)}${message ? `: ${message}` : ''}${hint ? ` → ${hint}` : ''}`;
}
