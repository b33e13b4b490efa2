/** Linux input event codes used by touch panels (linux/input-event-codes.h). */
export const EV_SYN = 0x00;
export const EV_KEY = 0x01;
export const EV_ABS = 0x03;
export const SYN_REPORT = 0;
export const SYN_DROPPED = 3;
export const BTN_TOUCH = 0x14a;
export const ABS_X = 0x00;
export const ABS_Y = 0x01;
export const ABS_MT_SLOT = 0x2f;
export const ABS_MT_POSITION_X = 0x35;
export const ABS_MT_POSITION_Y = 0x36;
export const ABS_MT_TRACKING_ID = 0x39;

/** One `struct input_event`. */
export interface InputEvent {
  sec: number;
  usec: number;
  type: number;
  code: number;
  value: number;
}

/** Size of struct input_event: 24 bytes with 64-bit time (arm64, x86-64), 16 on 32-bit userland. */
export function defaultRecordSize(arch: string = process.arch): 16 | 24 {
  return arch === 'arm' || arch === 'ia32' ? 16 : 24;
}

/**
 * Splits a byte stream into input_event records (little-endian), keeping a partial record
 * between chunks, as reads from /dev/input/eventN or a pipe may split anywhere.
 */
export class InputEventDecoder {
  private rest = Buffer.alloc(0);

  constructor(readonly recordSize: 16 | 24 = defaultRecordSize()) {}

  push(chunk: Buffer): InputEvent[] {
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const events: InputEvent[] = [];
    const n = Math.floor(buf.length / this.recordSize);
    const t = this.recordSize === 24 ? 16 : 8;
    for (let i = 0; i < n; i++) {
      const o = i * this.recordSize;
      events.push({
        sec: this.recordSize === 24 ? Number(buf.readBigInt64LE(o)) : buf.readInt32LE(o),
        usec: this.recordSize === 24 ? Number(buf.readBigInt64LE(o + 8)) : buf.readInt32LE(o + 4),
        type: buf.readUInt16LE(o + t),
        code: buf.readUInt16LE(o + t + 2),
        value: buf.readInt32LE(o + t + 4),
      });
    }
    this.rest = Buffer.from(buf.subarray(n * this.recordSize));
    return events;
  }

  /** Bytes of an incomplete record waiting for the rest. */
  get pending(): number {
    return this.rest.length;
  }
}

/** A contact change in raw panel units. */
export interface RawTouch {
  x: number;
  y: number;
  phase: 'down' | 'move' | 'up';
  /** Event time in ms. */
  at: number;
}

interface Slot {
  id: number;
  x: number;
  y: number;
}

/**
 * Turns input events into one primary contact (the first finger down), for multi-touch protocol B
 * (slots + tracking ids) and single-touch panels (ABS_X/ABS_Y + BTN_TOUCH). State is committed
 * on SYN_REPORT; after SYN_DROPPED everything up to the next SYN_REPORT is discarded and an open
 * contact is released, since the kernel lost events.
 */
export class TouchTracker {
  private slots = new Map<number, Slot>();
  private slot = 0;
  private primary: number | undefined;
  private multiTouch = false;
  private st = { x: 0, y: 0, touching: false };
  private down = false;
  private last = { x: 0, y: 0 };
  private dropping = false;
  /** Events that made no sense (unknown slot data) or were dropped; for diagnostics. */
  ignored = 0;

  feed(ev: InputEvent): RawTouch | undefined {
    const at = ev.sec * 1000 + Math.floor(ev.usec / 1000);
    if (ev.type === EV_SYN) {
      if (ev.code === SYN_DROPPED) {
        this.dropping = true;
        return undefined;
      }
      if (ev.code !== SYN_REPORT) return undefined;
      if (this.dropping) {
        this.dropping = false;
        this.slots.clear();
        this.primary = undefined;
        this.st.touching = false;
        if (this.down) return this.release(at);
        return undefined;
      }
      return this.commit(at);
    }
    if (this.dropping) {
      this.ignored++;
      return undefined;
    }
    if (ev.type === EV_KEY && ev.code === BTN_TOUCH) this.st.touching = ev.value !== 0;
    else if (ev.type === EV_ABS) {
      switch (ev.code) {
        case ABS_X:
          this.st.x = ev.value;
          break;
        case ABS_Y:
          this.st.y = ev.value;
          break;
        case ABS_MT_SLOT:
          this.multiTouch = true;
          this.slot = ev.value;
          break;
        case ABS_MT_TRACKING_ID: {
          this.multiTouch = true;
          if (ev.value < 0) this.slots.delete(this.slot);
          else {
            const old = this.slots.get(this.slot);
            this.slots.set(this.slot, { id: ev.value, x: old?.x ?? this.st.x, y: old?.y ?? this.st.y });
          }
          break;
        }
        case ABS_MT_POSITION_X:
        case ABS_MT_POSITION_Y: {
          this.multiTouch = true;
          const s = this.slots.get(this.slot);
          if (!s) {
            this.ignored++;
            break;
          }
          if (ev.code === ABS_MT_POSITION_X) s.x = ev.value;
          else s.y = ev.value;
          break;
        }
      }
    }
    return undefined;
  }

  private release(at: number): RawTouch {
    this.down = false;
    return { ...this.last, phase: 'up', at };
  }

  private commit(at: number): RawTouch | undefined {
    let point: { x: number; y: number } | undefined;
    if (this.multiTouch) {
      if (this.primary === undefined || !this.slots.has(this.primary)) {
        this.primary = this.slots.size ? Math.min(...this.slots.keys()) : undefined;
      }
      const s = this.primary === undefined ? undefined : this.slots.get(this.primary);
      if (s) point = { x: s.x, y: s.y };
    } else if (this.st.touching) point = { x: this.st.x, y: this.st.y };
    if (!point) return this.down ? this.release(at) : undefined;
    const moved = point.x !== this.last.x || point.y !== this.last.y;
    this.last = point;
    if (!this.down) {
      this.down = true;
      return { ...point, phase: 'down', at };
    }
    return moved ? { ...point, phase: 'move', at } : undefined;
  }
}

export interface TouchCalibration {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  swapXY: boolean;
  invertX: boolean;
  invertY: boolean;
}

/**
 * Maps raw panel units to display pixels (device orientation, before UI rotation). min/max are
 * the ranges of the panel's own X and Y axes; swapXY and inverts apply after scaling.
 */
export function calibrate(
  raw: { x: number; y: number },
  cal: TouchCalibration,
  width: number,
  height: number,
): { x: number; y: number } {
  let fx = (raw.x - cal.minX) / Math.max(1, cal.maxX - cal.minX);
  let fy = (raw.y - cal.minY) / Math.max(1, cal.maxY - cal.minY);
  if (cal.swapXY) [fx, fy] = [fy, fx];
  if (cal.invertX) fx = 1 - fx;
  if (cal.invertY) fy = 1 - fy;
  const clamp = (v: number, max: number): number => Math.max(0, Math.min(max, Math.round(v)));
  return { x: clamp(fx * (width - 1), width - 1), y: clamp(fy * (height - 1), height - 1) };
}
