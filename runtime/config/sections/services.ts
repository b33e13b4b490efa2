import { z } from 'zod';
import { flag, intIn, oneOf, text } from '../schema-helpers.js';

const group = z.strictObject({
  id: text().regex(/^[a-z0-9-]+$/, { error: 'must be lower-case letters, digits or dashes' }),
  /** Ticket prefix letter(s), e.g. "A" gives A-001. */
  prefix: text().regex(/^[A-Z]{1,2}$/, { error: 'must be one or two capital letters' }),
  name: text().min(1),
  nameEn: text().min(1).optional(),
  /** Counters serving this group. */
  counters: z.array(intIn(1, 99)).min(1).default([1]),
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
        },
        {
          id: 'dat-dai',
          prefix: 'B',
          name: 'Đất đai - Xây dựng',
          nameEn: 'Land - Construction',
          counters: [3],
        },
        {
          id: 'lao-dong',
          prefix: 'C',
          name: 'Lao động - Thương binh - Xã hội',
          nameEn: 'Labour - Social affairs',
          counters: [4],
        },
        { id: 'tra-ket-qua', prefix: 'D', name: 'Trả kết quả', nameEn: 'Results', counters: [5] },
      ]),
    /** Opening hours as "HH:MM-HH:MM" ranges. Empty means always open. */
    hours: z
      .array(text().regex(/^\d\d:\d\d-\d\d:\d\d$/, { error: 'must look like "07:00-11:30"' }))
      .default(['07:00-11:30', '13:30-17:00']),
  })
  .prefault({});

export const voiceSection = z
  .strictObject({
    enabled: flag().default(true),
    /** text: no audio, only the transcript; espeak: espeak-ng; piper: sherpa-onnx Piper model. */
    tts: oneOf(['text', 'espeak', 'piper']).default('text'),
    voice: text().default('vi'),
    /** Words per minute. */
    rate: intIn(80, 400).default(150),
    volume: intIn(0, 100).default(80),
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
    prefix: text().default('kiosk'),
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

export const simSection = z
  .strictObject({
    host: text().default('127.0.0.1'),
    port: intIn(0, 65_535).default(8080),
  })
  .prefault({});
