import { execFileSync } from 'node:child_process';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ABS_MT_POSITION_X,
  ABS_MT_POSITION_Y,
  ABS_MT_SLOT,
  ABS_MT_TRACKING_ID,
  ABS_X,
  ABS_Y,
  BTN_TOUCH,
  EV_ABS,
  EV_KEY,
  EV_SYN,
  SYN_DROPPED,
  SYN_REPORT,
  type InputEvent,
} from '../drivers/touch/evdev-parser.js';

type Ev = Pick<InputEvent, 'type' | 'code' | 'value'>;

/** Encodes events as struct input_event records (little-endian). */
export function encodeEvents(
  events: readonly Ev[],
  recordSize: 16 | 24 = 24,
  startMs = 1_700_000_000_000,
): Buffer {
  const buf = Buffer.alloc(events.length * recordSize);
  const t = recordSize === 24 ? 16 : 8;
  events.forEach((ev, i) => {
    const o = i * recordSize;
    const ms = startMs + i;
    if (recordSize === 24) {
      buf.writeBigInt64LE(BigInt(Math.floor(ms / 1000)), o);
      buf.writeBigInt64LE(BigInt((ms % 1000) * 1000), o + 8);
    } else {
      buf.writeInt32LE(Math.floor(ms / 1000) % 2 ** 31, o);
      buf.writeInt32LE((ms % 1000) * 1000, o + 4);
    }
    buf.writeUInt16LE(ev.type, o + t);
    buf.writeUInt16LE(ev.code, o + t + 2);
    buf.writeInt32LE(ev.value, o + t + 4);
  });
  return buf;
}

const syn: Ev = { type: EV_SYN, code: SYN_REPORT, value: 0 };

/** What a multi-touch protocol B panel sends for one finger going down, moving, and lifting. */
export function mtTap(points: readonly { x: number; y: number }[], trackingId = 1, slot = 0): Ev[] {
  const out: Ev[] = [];
  points.forEach((p, i) => {
    if (i === 0) {
      out.push({ type: EV_ABS, code: ABS_MT_SLOT, value: slot });
      out.push({ type: EV_ABS, code: ABS_MT_TRACKING_ID, value: trackingId });
    }
    out.push({ type: EV_ABS, code: ABS_MT_POSITION_X, value: p.x });
    out.push({ type: EV_ABS, code: ABS_MT_POSITION_Y, value: p.y });
    if (i === 0) out.push({ type: EV_KEY, code: BTN_TOUCH, value: 1 });
    out.push({ type: EV_ABS, code: ABS_X, value: p.x });
    out.push({ type: EV_ABS, code: ABS_Y, value: p.y });
    out.push(syn);
  });
  out.push({ type: EV_ABS, code: ABS_MT_SLOT, value: slot });
  out.push({ type: EV_ABS, code: ABS_MT_TRACKING_ID, value: -1 });
  out.push({ type: EV_KEY, code: BTN_TOUCH, value: 0 });
  out.push(syn);
  return out;
}

/** What a single-touch (resistive) panel sends: ABS_X/ABS_Y and BTN_TOUCH. */
export function singleTap(points: readonly { x: number; y: number }[]): Ev[] {
  const out: Ev[] = [];
  points.forEach((p, i) => {
    out.push({ type: EV_ABS, code: ABS_X, value: p.x });
    out.push({ type: EV_ABS, code: ABS_Y, value: p.y });
    if (i === 0) out.push({ type: EV_KEY, code: BTN_TOUCH, value: 1 });
    out.push(syn);
  });
  out.push({ type: EV_KEY, code: BTN_TOUCH, value: 0 });
  out.push(syn);
  return out;
}

/** The kernel's "I lost events" marker, followed by a report. */
export function dropped(): Ev[] {
  return [{ type: EV_SYN, code: SYN_DROPPED, value: 0 }, syn];
}

/**
 * A touch panel's event node stood in by a FIFO: the driver opens and reads it like
 * /dev/input/eventN; the test writes recorded event bytes (split anywhere it likes).
 */
export class FakeEvdevDevice {
  readonly path: string;
  private fd: FileHandle | undefined;

  constructor(
    dir: string,
    readonly recordSize: 16 | 24 = 24,
  ) {
    this.path = join(dir, 'event0');
    execFileSync('mkfifo', [this.path]);
  }

  /** Opens the writing end (resolves once the driver has opened the reading end). */
  async connect(): Promise<void> {
    this.fd ??= await open(this.path, 'w');
  }

  async writeBytes(bytes: Buffer): Promise<void> {
    await this.connect();
    await this.fd?.write(bytes);
  }

  async send(events: readonly Ev[]): Promise<void> {
    await this.writeBytes(encodeEvents(events, this.recordSize));
  }

  async close(): Promise<void> {
    const fd = this.fd;
    this.fd = undefined;
    await fd?.close();
  }
}
