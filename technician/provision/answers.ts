import { z } from 'zod';
import { formatIssues } from '../../runtime/config/load.js';
import { got } from '../../runtime/config/schema-helpers.js';
import { ConfigError } from '../../runtime/errors.js';
import { assertPin } from './pin.js';

const str = () => z.string({ error: got('must be text') }).trim();
const raw = () => z.string({ error: got('must be text') });
const int = () => z.coerce.number({ error: got('must be a number') }).int();

/**
 * What a technician answers when provisioning a kiosk. The same fields come from `kiosk provision`
 * flags, its interactive prompts, and the zero-touch `kiosk-provision.json` on the boot partition.
 * Everything but `deviceId` is optional; unanswered settings keep the current config or defaults.
 * TLS files and the fleet key may be paths or inline PEM text (written next to the config).
 */
export const answersSchema = z.strictObject({
  deviceId: str(),
  agency: str().min(1).optional(),
  centre: str().min(1).optional(),
  /** Fleet groups (province, district). */
  fleetGroups: z.array(str()).optional(),
  /** Queue service groups as `PREFIX:id:Name[:counters]`, e.g. `A:tu-phap:Tư pháp - Hộ tịch:1,2`. */
  serviceGroups: z.array(str()).optional(),
  timeZone: str().optional(),
  dataDir: str().optional(),
  /** MQTT broker URL; setting it enables the fleet link. `none` disables it. */
  broker: str().optional(),
  username: str().optional(),
  password: raw().optional(),
  ca: raw().optional(),
  cert: raw().optional(),
  key: raw().optional(),
  fleetPublicKey: raw().optional(),
  display: str().optional(),
  fbDevice: str().optional(),
  width: int().optional(),
  height: int().optional(),
  rotation: int().optional(),
  touch: str().optional(),
  touchDevice: str().optional(),
  /** Raw touch axis ranges and orientation: `minX,maxX,minY,maxY[,swap][,invert-x][,invert-y]`. */
  touchAxes: str().optional(),
  buttons: str().optional(),
  /** Button id -> GPIO line / board pin, as `ok=17,back=27,1=5`. */
  buttonPins: str().optional(),
  buttonsPort: str().optional(),
  printer: str().optional(),
  /** Serial/USB device path, or `host:port` for a tcp printer. */
  printerPort: str().optional(),
  paperWidth: int().optional(),
  scanner: str().optional(),
  scannerPort: str().optional(),
  audio: str().optional(),
  playbackDevice: str().optional(),
  captureDevice: str().optional(),
  volume: int().optional(),
  tts: str().optional(),
  /** Vietnamese voice: north (vi), central (vi-vn-x-central), south (vi-vn-x-south). */
  voiceRegion: z
    .enum(['north', 'central', 'south'], { error: got('must be "north", "central" or "south"') })
    .optional(),
  /** Maintenance PIN (stored only as a hash). */
  pin: raw().optional(),
  /** Any other settings by path, e.g. `{"input.buttons.debounceMs": 50}`. */
  set: z.record(z.string(), z.unknown()).optional(),
});

export type ProvisionAnswers = z.infer<typeof answersSchema>;

/** Files a provisioning run writes besides the config (inline PEM text from the answers). */
export interface PemFile {
  name: 'ca' | 'cert' | 'key' | 'fleet-public-key';
  /** Absolute path the file goes to. */
  path: string;
  content: string;
  /** Private keys are readable by the kiosk user only. */
  mode: number;
}

export const VOICES = { north: 'vi', central: 'vi-vn-x-central', south: 'vi-vn-x-south' } as const;

/** Parses and validates answers; throws ConfigError listing every problem with its field. */
export function parseAnswers(raw: unknown, source = 'answers'): ProvisionAnswers {
  const result = answersSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, formatIssues(result.error.issues));
  const problems: string[] = [];
  if (result.data.pin !== undefined) {
    try {
      assertPin(result.data.pin);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return result.data;
}

/** `A:tu-phap:Tư pháp - Hộ tịch:1,2` -> a queue group. */
export function parseServiceGroup(spec: string): Record<string, unknown> {
  const parts = spec.split(':').map((p) => p.trim());
  if (parts.length < 3)
    throw new TypeError(
      `serviceGroups: "${spec}" must look like PREFIX:id:Name[:counters], e.g. A:tu-phap:Tư pháp:1,2`,
    );
  const [prefix, id, ...rest] = parts;
  let counters = [1];
  const last = rest[rest.length - 1] ?? '';
  if (rest.length > 1 && /^\d+(,\d+)*$/.test(last)) {
    counters = last.split(',').map(Number);
    rest.pop();
  }
  return { prefix, id, name: rest.join(':').normalize('NFC'), counters };
}

/** `0,4095,0,4095,swap` -> input.touch.calibration. */
export function parseTouchAxes(spec: string): Record<string, number | boolean> {
  const parts = spec
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const numbers = parts.slice(0, 4).map(Number);
  const flags = parts.slice(4);
  if (numbers.length !== 4 || numbers.some((n) => !Number.isInteger(n)))
    throw new TypeError(
      `touchAxes: "${spec}" must look like minX,maxX,minY,maxY[,swap][,invert-x][,invert-y], e.g. 0,4095,0,4095`,
    );
  const unknown = flags.filter((f) => !['swap', 'invert-x', 'invert-y'].includes(f));
  if (unknown.length)
    throw new TypeError(`touchAxes: unknown option ${unknown.join(', ')} (use swap, invert-x, invert-y)`);
  const [minX, maxX, minY, maxY] = numbers as [number, number, number, number];
  return {
    minX,
    maxX,
    minY,
    maxY,
    swapXY: flags.includes('swap'),
    invertX: flags.includes('invert-x'),
    invertY: flags.includes('invert-y'),
  };
}

/** `ok=17,back=27` -> { ok: 17, back: 27 }. */
export function parseButtonPins(spec: string): Record<string, number> {
  const pins: Record<string, number> = {};
  for (const pair of spec.split(',').filter((p) => p.trim())) {
    const m = /^\s*([a-z0-9]+)\s*=\s*(\d+)\s*$/.exec(pair);
    if (!m) throw new TypeError(`buttonPins: "${pair}" must look like ok=17`);
    pins[m[1] as string] = Number(m[2]);
  }
  return pins;
}

/** Secrets in answers; never logged or printed. */
export const SECRET_FIELDS = ['password', 'key', 'pin'] as const;

/** A copy safe to log or print: secrets and private keys replaced by `(set)`. */
export function redactAnswers(answers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(answers)) {
    out[field] =
      (SECRET_FIELDS as readonly string[]).includes(field) && value !== undefined ? '(set)' : value;
  }
  return out;
}
