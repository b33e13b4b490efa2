import { execFileSync } from 'node:child_process';
import { constants, existsSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { EV_SYN } from '../drivers/touch/evdev-parser.js';
import { EV_KEY, KEY_ENTER, KEY_LEFTSHIFT, keyFor, type InputEvent } from '../drivers/scanner/evdev-keys.js';

/**
 * Encodes input_event records with the given timestamps (hardware-mocks/evdev.ts encodeEvents
 * numbers them itself; a scanner mock needs real key gaps to look like a burst or like typing).
 */
export function encodeInputEvents(events: readonly InputEvent[], recordSize: 16 | 24): Uint8Array {
  const out = Buffer.alloc(events.length * recordSize);
  events.forEach((e, k) => {
    const o = k * recordSize;
    if (recordSize === 24) {
      out.writeBigInt64LE(BigInt(e.sec), o);
      out.writeBigInt64LE(BigInt(e.usec), o + 8);
    } else {
      out.writeInt32LE(e.sec, o);
      out.writeInt32LE(e.usec, o + 4);
    }
    const t = recordSize === 24 ? 16 : 8;
    out.writeUInt16LE(e.type, o + t);
    out.writeUInt16LE(e.code, o + t + 2);
    out.writeInt32LE(e.value, o + t + 4);
  });
  return new Uint8Array(out);
}

/** Key events a keyboard-wedge scanner (or a person) produces for `text` + Enter. */
export function keyEventsFor(text: string, startUs: number, gapUs: number): InputEvent[] {
  const events: InputEvent[] = [];
  let t = startUs;
  const key = (code: number, value: number): void => {
    const time = { sec: Math.floor(t / 1_000_000), usec: t % 1_000_000 };
    events.push({ ...time, type: EV_KEY, code, value }, { ...time, type: EV_SYN, code: 0, value: 0 });
  };
  for (const ch of text) {
    const k = keyFor(ch);
    if (!k) throw new TypeError(`text: "${ch}" cannot be typed on the US layout`);
    if (k.shift) key(KEY_LEFTSHIFT, 1);
    key(k.code, 1);
    key(k.code, 0);
    if (k.shift) key(KEY_LEFTSHIFT, 0);
    t += gapUs;
  }
  key(KEY_ENTER, 1);
  key(KEY_ENTER, 0);
  return events;
}

/**
 * A keyboard-wedge scanner as an evdev byte stream on a FIFO: the driver reads it exactly like
 * /dev/input/eventN. unplug() closes and removes the node (the driver sees EOF, then ENOENT on
 * reopen, as when a USB device goes away); plug() brings it back.
 */
export class EvdevFifoScanner {
  readonly path: string;
  private writer: FileHandle | undefined;
  private clockUs = 1_767_600_000_000_000;

  constructor(
    dir: string,
    readonly eventSize: 16 | 24 = 24,
    name = 'scanner-event',
  ) {
    this.path = join(dir, name);
  }

  async start(): Promise<void> {
    if (this.writer) return;
    if (!existsSync(this.path)) execFileSync('mkfifo', [this.path]);
    // O_RDWR never blocks on a FIFO and keeps it open, so readers see no EOF between scans.
    this.writer = await open(this.path, constants.O_RDWR);
  }

  /** A scanner burst: keys a few ms apart. */
  async scan(text: string, gapMs = 4): Promise<void> {
    await this.write(keyEventsFor(text, this.clockUs, gapMs * 1000));
  }

  /** A person typing on a keyboard plugged into the same input: ~150 ms per key. */
  async type(text: string, gapMs = 150): Promise<void> {
    await this.write(keyEventsFor(text, this.clockUs, gapMs * 1000));
  }

  async write(events: InputEvent[]): Promise<void> {
    if (!this.writer) throw new Error('EvdevFifoScanner is unplugged');
    await this.writer.write(encodeInputEvents(events, this.eventSize));
    const last = events[events.length - 1];
    this.clockUs = (last ? last.sec * 1_000_000 + last.usec : this.clockUs) + 1_000_000;
  }

  async unplug(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    if (existsSync(this.path)) unlinkSync(this.path);
    await writer?.close();
  }

  async plug(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.unplug();
  }
}
