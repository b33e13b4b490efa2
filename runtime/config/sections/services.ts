import { z } from 'zod';
import { flag, intIn, oneOf, text } from '../schema-helpers.js';
import { BUTTON_IDS } from '../button-ids.js';
import { inTimeWindow, parseTimeWindow, type TimeWindow } from '../../time-windows.js';

const hoursRange = () =>
  text().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, {
    error: 'must look like "07:00-11:30"',
  });

const group = z.strictObject({
  id: text().regex(/^[a-z0-9-]+$/, { error: 'must be lower-case letters, digits or dashes' }),
  /** Ticket prefix letter(s), e.g. "A" gives A-001. */
  prefix: text().regex(/^[A-Z]{1,2}$/, { error: 'must be one or two capital letters' }),
  name: text().min(1),
  nameEn: text().min(1).optional(),
  /** Counters serving this group. */
  counters: z.array(intIn(1, 99)).min(1).default([1]),
  /** This group's own opening hours ("HH:MM-HH:MM"); defaults to queue.hours. */
  hours: z.array(hoursRange()).optional(),
  /** Procedure fields (lĩnh vực) this group serves, e.g. ["Hộ tịch", "Chứng thực"]; routes "take a number for this procedure". */
  fields: z.array(text().min(1)).default([]),
});

export const queueSection = z
  .strictObject({
    groups: z
      .array(group)
      .min(1)
      .default([
        {
          id: 'tu-phap',
          prefix: 'A',
          name: 'Tư pháp - Hộ tịch',
          nameEn: 'Justice - Civil status',
          counters: [1, 2],
          fields: [
            'Hộ tịch',
            'Chứng thực',
            'Nuôi con nuôi',
            'Hòa giải ở cơ sở',
            'Đăng ký, quản lý cư trú',
            'Cấp, quản lý căn cước',
          ],
        },
        {
          id: 'dat-dai',
          prefix: 'B',
          name: 'Đất đai - Xây dựng',
          nameEn: 'Land - Construction',
          counters: [3],
          fields: ['Đất đai', 'Tài chính đất đai', 'Hoạt động xây dựng', 'Nhà ở và công sở', 'Môi trường'],
        },
        {
          id: 'lao-dong',
          prefix: 'C',
          name: 'Lao động - Thương binh - Xã hội',
          nameEn: 'Labour - Social affairs',
          counters: [4],
          fields: [
            'Người có công',
            'Giảm nghèo',
            'Thực hiện chính sách BHXH',
            'Chi trả các chế độ BHXH',
            'Thực hiện chính sách BHYT',
          ],
        },
        { id: 'tra-ket-qua', prefix: 'D', name: 'Trả kết quả', nameEn: 'Results', counters: [5], fields: [] },
      ]),
    /**
     * Opening hours as "HH:MM-HH:MM" ranges, e.g. ["07:00-11:30", "13:30-17:00"]. Empty (the
     * default) means always open; outside the hours the kiosk says when it opens instead of issuing.
     */
    hours: z.array(hoursRange()).default([]),
    /** Open weekdays, 1 = Monday ... 7 = Sunday. */
    days: z.array(intIn(1, 7)).default([1, 2, 3, 4, 5, 6, 7]),
  })
  .prefault({});

export const voiceSection = z
  .strictObject({
    enabled: flag().default(true),
    /** text: no audio, only the transcript; espeak: espeak-ng; piper: sherpa-onnx Piper model. */
    tts: oneOf(['text', 'espeak', 'piper']).default('text'),
    /** espeak-ng Vietnamese voice (region): vi (northern), vi-vn-x-central, vi-vn-x-south. */
    voice: text().default('vi'),
    /** espeak-ng voice for English guidance. */
    englishVoice: text().default('en'),
    /** Words per minute. */
    rate: intIn(80, 400).default(150),
    /** espeak-ng pitch, 0-99. */
    pitch: intIn(0, 99).default(50),
    /** Speaker volume 0-100, the one volume setting (VoiceService sets it; it was audio.volume). */
    volume: intIn(0, 100).default(80),
    /** How ticket numbers are read: digits ("A, không, hai, năm") or number ("A, hai mươi lăm"). */
    numberStyle: oneOf(['digits', 'number']).default('digits'),
    /** Local times ("21:00-06:00") when the voice is lowered to quietVolume. */
    quietHours: z
      .array(text().regex(/^\d\d:\d\d-\d\d:\d\d$/, { error: 'must look like "21:00-06:00"' }))
      .default([]),
    quietVolume: intIn(0, 100).default(30),
    /** Synthesis cache (under storage.dataDir/voice-cache): bound for on-demand phrases. */
    cacheMaxEntries: intIn(10, 100_000).default(500),
    cacheMaxMegabytes: intIn(1, 4096).default(64),
    /** Piper voice folder (model .onnx, tokens.txt, espeak-ng-data/) for tts "piper". */
    piperModelDir: text().default('/var/lib/smart-kiosk/voices/piper-vi'),
    /** Push-to-talk commands; needs a Vosk model installed with `kiosk voice model install`. */
    recognition: z
      .strictObject({
        enabled: flag().default(false),
        /** Vosk model folder; default storage.dataDir/models/vosk. */
        modelDir: text().optional(),
        /** Results below this confidence (percent) make the kiosk ask again. */
        minConfidence: intIn(0, 100).default(60),
        maxListenSeconds: intIn(1, 30).default(8),
        /** Silence that ends an utterance while the button is still held. */
        endSilenceMs: intIn(200, 5000).default(900),
        /** The button held (long press) to talk. */
        talkButton: oneOf(BUTTON_IDS).default('help'),
      })
      .prefault({}),
  })
  .prefault({});

export const storageSection = z
  .strictObject({
    /** Directory holding the SQLite database, catalog and caches. */
    dataDir: text().default('.kiosk-data'),
  })
  .prefault({});

export const fleetSection = z
  .strictObject({
    enabled: flag().default(false),
    broker: text().default('mqtt://127.0.0.1:1883'),
    /** Topic prefix; see docs/mqtt.md for the tree under it. */
    prefix: text().default('kiosk/v1'),
    /** Catalog channel this kiosk follows (e.g. stable, pilot, a province). */
    channel: text()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
        error: 'must be letters, digits, dots, dashes or underscores',
      })
      .default('stable'),
    keepaliveSeconds: intIn(5, 3600).default(30),
    /** How long the broker keeps the session (subscriptions, queued QoS 1) while offline. */
    sessionExpirySeconds: intIn(0, 30 * 86_400).default(86_400),
    /** Reconnect backoff: first delay and cap, with jitter. */
    reconnectMinMs: intIn(100, 60_000).default(1000),
    reconnectMaxMs: intIn(1000, 3_600_000).default(60_000),
    username: text().optional(),
    password: text().optional(),
    /** PEM files for TLS / mutual TLS. */
    ca: text().optional(),
    cert: text().optional(),
    key: text().optional(),
    /** Ed25519 public key (PEM file) that signs commands and catalog manifests. */
    fleetPublicKey: text().optional(),
    telemetryIntervalSeconds: intIn(5, 86_400).default(60),
    /** Maximum queued outbox messages before old telemetry is dropped. */
    outboxLimit: intIn(100, 1_000_000).default(10_000),
  })
  .prefault({});

/** Whether "HH:MM-HH:MM" ranges leave no minute of the day outside them. */
function wholeDay(ranges: readonly string[]): boolean {
  let windows: TimeWindow[];
  try {
    windows = ranges.map((r) => parseTimeWindow(r, 'updates.busyHours'));
  } catch {
    return false; // a malformed range has its own error
  }
  for (let minute = 0; minute < 1440; minute++)
    if (!windows.some((w) => inTimeWindow(minute, w))) return false;
  return windows.length > 0;
}

/**
 * When a new app release (docs/technician.md, "App updates") may switch, and how long it has to
 * prove it works. The busy hours and idle minutes are read at every check (hot).
 */
export const updatesSection = z
  .strictObject({
    /**
     * Local times ("07:00-11:30") when a downloaded release never switches, e.g. the centre's
     * opening hours; it waits until they end. Empty: any time the kiosk is idle.
     */
    busyHours: z
      .array(hoursRange())
      .default([])
      .refine((ranges) => !wholeDay(ranges), {
        error: 'cover the whole day, so a release would never switch; leave a time free',
      }),
    /** No button, touch or scan for this long (and no citizen's session open) before a switch. */
    idleMinutes: intIn(1, 1440).default(5),
    /**
     * Time a new release has after its start to draw a frame, bring every service up, reach the
     * broker and pass the doctor's device checks; then it is rolled back.
     */
    trialSeconds: intIn(30, 1800).default(120),
  })
  .prefault({});

export const simSection = z
  .strictObject({
    host: text().default('127.0.0.1'),
    port: intIn(0, 65_535).default(8080),
  })
  .prefault({});
