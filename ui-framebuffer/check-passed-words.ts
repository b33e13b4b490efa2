import type { CheckResult } from '../runtime/check-result.js';
import type { Lang } from './localize.js';

/**
 * What a passed or skipped check found, in a few words in Vietnamese and English: the doctor's
 * findings are English sentences with paths ("/var/lib/smart-kiosk writable, 5120 MB free",
 * "fleet link is off (provision with --broker ...)"); the maintenance screen reads them one check
 * a line ("còn trống 5.120 MB" / "5,120 MB free", "tắt" / "off"), keeping the figures that matter
 * (free space, temperature, versions) and leaving paths, widths and commands to the printed report.
 */
type Reading = readonly [pattern: RegExp, words: (m: RegExpExecArray) => readonly [vi: string, en: string]];

/** "(simulator mock)" and the like: the check ran against the simulator's parts. */
const MOCK = /\(simulator mock\)|^simulator /u;

/** Readings by check id, tried in order; the first whose pattern matches the message wins. */
const READINGS: Readonly<Record<string, readonly Reading[]>> = {
  node: [[/^v(\d[\w.]*)$/u, (m) => [`phiên bản ${m[1] ?? ''}`, `version ${m[1] ?? ''}`]]],
  fonts: [[/^Be Vietnam Pro/u, () => ['đủ chữ Việt', 'Vietnamese text shows']]],
  'time-sync': [
    [/^synchronised/u, () => ['đã đồng bộ giờ', 'synchronised']],
    [/not booted with systemd/u, () => ['không hỏi được', 'cannot ask (no systemd)']],
  ],
  cpu: [
    [/^([\d.]+) °C$/u, (m) => [`${decimal(m[1])} °C, bình thường`, `${m[1] ?? ''} °C, normal`]],
    [/no temperature sensor/u, () => ['không có cảm biến', 'no sensor']],
  ],
  'data-dir': [
    [/writable, (\d+) MB free/u, (m) => [`còn trống ${decimal(m[1])} MB`, `${grouped(m[1])} MB free`]],
    [/will be created at first start/u, () => ['tạo khi chạy lần đầu', 'made at first start']],
  ],
  database: [
    [/intact and writable/u, () => ['tốt, ghi được', 'intact, writable']],
    [/not created yet/u, () => ['tạo khi chạy lần đầu', 'made at first start']],
  ],
  'clock-tickets': [
    [/^no ticket stored yet$/u, () => ['chưa có số nào', 'no ticket yet']],
    [/after the newest ticket stored/u, () => ['đúng', 'right']],
    [/^no database yet$/u, () => ['chưa có cơ sở dữ liệu', 'no database yet']],
    [/cannot read the tickets/u, () => ['không đọc được số đã phát', 'cannot read the tickets']],
  ],
  voice: [
    [
      /^espeak-ng (?:with voice )?(\S+)$/u,
      (m) => [`espeak-ng, giọng ${m[1] ?? ''}`, `espeak-ng, voice ${m[1] ?? ''}`],
    ],
    [/^text only/u, () => ['chỉ hiện chữ', 'text only']],
    [/voice guidance is off/u, () => ['tắt', 'off']],
    [
      /^engine (\S+) is checked when/u,
      (m) => [`${m[1] ?? ''}, thử khi máy đọc`, `${m[1] ?? ''}, tried when speaking`],
    ],
  ],
  'voice-input': [
    [/^Vosk model at/u, () => ['đã cài mô hình', 'model installed']],
    [/^voice input is off: no complete Vosk model/u, () => ['tắt, thiếu mô hình', 'off, no model']],
    [/^voice input is off/u, () => ['tắt', 'off']],
  ],
  printer: [
    [/^ready, paper ok|is online with paper/u, () => ['sẵn sàng, còn giấy', 'ready, paper ok']],
    [/cannot report paper status/u, () => ['gửi được lệnh in', 'takes print jobs']],
    [/^no printer configured/u, () => ['không lắp', 'not fitted']],
  ],
  'document-printer': [
    [/^no A4 printer configured/u, () => ['không lắp (nộp qua mã QR)', 'not fitted (forms by QR)']],
    [/and takes PDF/u, () => ['sẵn sàng', 'ready']],
  ],
  scanner: [
    [/^no scanner configured/u, () => ['không lắp', 'not fitted']],
    [/is readable|is connected|^ready|^simulator scanner/u, () => ['sẵn sàng', 'ready']],
  ],
  audio: [
    [/^no sound configured/u, () => ['không lắp', 'not fitted']],
    [/plays|^simulator sound|^ready/u, () => ['phát được tiếng', 'plays sound']],
  ],
  buttons: [
    [/^(\d+) buttons on/u, (m) => [`${m[1] ?? ''} nút`, `${m[1] ?? ''} buttons`]],
    [/^Firmata panel on \S+ answers/u, () => ['bảng nút trả lời', 'button panel answers']],
    [/^all (\d+) buttons work/u, (m) => [`cả ${m[1] ?? ''} nút bấm được`, `all ${m[1] ?? ''} buttons work`]],
    [/^simulator buttons|^ready/u, () => ['sẵn sàng', 'ready']],
  ],
  display: [
    [
      /^(\d+)x(\d+)/u,
      (m) => [`${m[1] ?? ''} × ${m[2] ?? ''}, hiện được`, `${m[1] ?? ''} × ${m[2] ?? ''}, shows`],
    ],
  ],
  touch: [
    [/land where touched/u, () => ['chạm đúng chỗ', 'corners land right']],
    [/open$|^ready/u, () => ['sẵn sàng', 'ready']],
  ],
  'handoff-key': [
    [/^not made yet/u, () => ['chưa tạo', 'not made yet']],
    [/^Ed25519 key (\S+)/u, (m) => [`khoá ${m[1] ?? ''}`, `key ${m[1] ?? ''}`]],
  ],
  broker: [
    [
      /^connected to (\S+)/u,
      (m) => [`đã kết nối ${hostOf(m[1] ?? '')}`, `connected to ${hostOf(m[1] ?? '')}`],
    ],
    [/^fleet link is off/u, () => ['tắt', 'off']],
  ],
};

/** "79504" → "79.504", "48.5" → "48,5" (Vietnamese digit groups and decimal comma). */
function decimal(digits: string | undefined): string {
  return new Intl.NumberFormat('vi-VN').format(Number(digits ?? 0));
}

/** "79504" → "79,504". */
function grouped(digits: string | undefined): string {
  return new Intl.NumberFormat('en-GB').format(Number(digits ?? 0));
}

/** "mqtts://fleet.example.vn:8883" → "fleet.example.vn". */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

/**
 * A passed or skipped check's finding in `lang` (never empty): the reading for its id and message,
 * "(giả lập)" / "(simulator)" after a simulator part; a service is "đang chạy"; a finding with no
 * reading says it passed or was skipped and that the printed report has the doctor's words.
 */
export function passedFinding(c: Pick<CheckResult, 'id' | 'status' | 'message'>, lang: Lang): string {
  const at = lang === 'vi' ? 0 : 1;
  const mock = MOCK.test(c.message) ? (lang === 'vi' ? ' (giả lập)' : ' (simulator)') : '';
  if (c.id.startsWith('service.') && c.message === 'running') return lang === 'vi' ? 'đang chạy' : 'running';
  if (/^not fitted/u.test(c.message)) return lang === 'vi' ? 'không lắp' : 'not fitted';
  for (const [pattern, words] of READINGS[c.id] ?? []) {
    const m = pattern.exec(c.message);
    if (m) return `${words(m)[at]}${mock}`;
  }
  if (lang === 'en') return c.message;
  return c.status === 'skip' ? 'bỏ qua (xem báo cáo in)' : `đạt${mock} (xem báo cáo in)`;
}
