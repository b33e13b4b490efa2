import { z } from 'zod';
import { isSegment } from '../fleet/topics.js';

/** Largest status or record payload the registry accepts from a device. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Longest string kept from a device document; longer ones are cut (marked with …). */
export const MAX_TEXT = 500;
/** Deepest nesting kept from a device document. */
const MAX_DEPTH = 6;
const MAX_KEYS = 64;

export class RefusedInput extends Error {
  constructor(
    readonly code: 'oversized' | 'not-json' | 'malformed' | 'bad-device' | 'wrong-device',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A device document reduced to what the registry keeps: plain JSON of bounded depth, key count
 * and string length, text NFC without control characters. HTML is kept as text: every view escapes it.
 */
export function boundedJson(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    // eslint-disable-next-line no-control-regex
    const clean = value.normalize('NFC').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
    return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT - 1)}…` : clean;
  }
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => boundedJson(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_KEYS))
      if (k !== '__proto__') out[String(boundedJson(k, MAX_DEPTH))] = boundedJson(v, depth + 1);
    return out;
  }
  return null;
}

function parseObject(payload: Buffer): Record<string, unknown> {
  if (payload.length > MAX_PAYLOAD_BYTES)
    throw new RefusedInput('oversized', `${payload.length} bytes (at most ${MAX_PAYLOAD_BYTES})`);
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new RefusedInput('not-json', 'payload is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RefusedInput('malformed', 'payload is not a JSON object');
  return value as Record<string, unknown>;
}

export function checkDevice(device: string): string {
  if (!isSegment(device)) throw new RefusedInput('bad-device', 'device id outside the allowed pattern');
  return device;
}

const statusSchema = z.object({
  state: z.enum(['online', 'offline']),
  ts: z.iso.datetime({ offset: true }),
});

export interface DeviceStatusInput {
  device: string;
  state: 'online' | 'offline';
  ts: string;
  doc: Record<string, unknown>;
}

/** A status from `devices/{device}/status`, validated and bounded; throws RefusedInput. */
export function readStatus(device: string, payload: Buffer): DeviceStatusInput {
  checkDevice(device);
  const raw = parseObject(payload);
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) throw new RefusedInput('malformed', 'status without a valid state and ts');
  if (raw.device !== undefined && raw.device !== device)
    throw new RefusedInput('wrong-device', 'status names another device than its topic');
  return { device, ...parsed.data, doc: boundedJson(raw) as Record<string, unknown> };
}

const envelopeSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  seq: z.number().int().nonnegative().optional(),
  device: z.string(),
  type: z.string().refine(isSegment),
  kind: z.enum(['telemetry', 'event', 'record']),
  ts: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});

export interface EnvelopeInput {
  id: string;
  device: string;
  type: string;
  kind: 'telemetry' | 'event' | 'record';
  ts: string;
  data: Record<string, unknown>;
}

/** An outbox envelope (telemetry, event, record), validated and bounded; throws RefusedInput. */
export function readEnvelope(device: string, payload: Buffer): EnvelopeInput {
  checkDevice(device);
  const parsed = envelopeSchema.safeParse(parseObject(payload));
  if (!parsed.success) throw new RefusedInput('malformed', 'not an outbox envelope');
  if (parsed.data.device !== device)
    throw new RefusedInput('wrong-device', 'envelope names another device than its topic');
  const { id, type, kind, ts, data } = parsed.data;
  return { id, device, type, kind, ts, data: boundedJson(data) as Record<string, unknown> };
}
