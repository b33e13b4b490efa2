import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EvdevTouch } from '../../../drivers/touch/evdev.js';
import {
  calibrate,
  InputEventDecoder,
  TouchTracker,
  type RawTouch,
} from '../../../drivers/touch/evdev-parser.js';
import type { TouchEvent } from '../../../drivers/touch/types.js';
import { dropped, encodeEvents, FakeEvdevDevice, mtTap, singleTap } from '../../../hardware-mocks/evdev.js';
import { createLogger } from '../../../runtime/logger.js';
import { DriverError } from '../../../runtime/errors.js';
import { tempDir } from '../../helpers/sim-process.js';

function track(bytes: Buffer, recordSize: 16 | 24 = 24, chunk = bytes.length): RawTouch[] {
  const decoder = new InputEventDecoder(recordSize);
  const tracker = new TouchTracker();
  const out: RawTouch[] = [];
  for (let i = 0; i < bytes.length; i += chunk) {
    for (const ev of decoder.push(bytes.subarray(i, i + chunk))) {
      const t = tracker.feed(ev);
      if (t) out.push(t);
    }
  }
  return out;
}

const strip = (ts: RawTouch[]): Omit<RawTouch, 'at'>[] => ts.map(({ x, y, phase }) => ({ x, y, phase }));

describe('Driver: evdev touch parsing', () => {
  it('multi-touch protocol B: down, move, up', () => {
    const bytes = encodeEvents(
      mtTap([
        { x: 100, y: 200 },
        { x: 110, y: 205 },
        { x: 110, y: 205 },
      ]),
    );
    expect(strip(track(bytes))).toEqual([
      { x: 100, y: 200, phase: 'down' },
      { x: 110, y: 205, phase: 'move' },
      { x: 110, y: 205, phase: 'up' },
    ]);
  });

  it('gives the same result when the stream is split at every byte offset', () => {
    const bytes = encodeEvents([...mtTap([{ x: 5, y: 6 }]), ...singleTap([{ x: 7, y: 8 }])]);
    const whole = strip(track(bytes));
    for (const chunk of [1, 3, 7, 23, 25]) expect(strip(track(bytes, 24, chunk))).toEqual(whole);
  });

  it('single-touch panels (ABS_X/ABS_Y + BTN_TOUCH), 16-byte records of 32-bit boards', () => {
    const bytes = encodeEvents(
      singleTap([
        { x: 300, y: 400 },
        { x: 310, y: 400 },
      ]),
      16,
    );
    expect(strip(track(bytes, 16))).toEqual([
      { x: 300, y: 400, phase: 'down' },
      { x: 310, y: 400, phase: 'move' },
      { x: 310, y: 400, phase: 'up' },
    ]);
  });

  it('follows the first finger when a second one touches', () => {
    const first = mtTap([{ x: 10, y: 10 }]);
    const secondDown = mtTap([{ x: 500, y: 300 }], 2, 1).slice(0, 6);
    // finger 1 down, finger 2 down (slot 1), finger 1 up, finger 2 still down
    const events = [...first.slice(0, -4), ...secondDown, ...first.slice(-4)];
    const out = strip(track(encodeEvents(events)));
    expect(out[0]).toEqual({ x: 10, y: 10, phase: 'down' });
    expect(out.some((t) => t.x === 500 && t.phase === 'down')).toBe(false);
  });

  it('after SYN_DROPPED discards partial state and releases the contact', () => {
    const tap = mtTap([{ x: 50, y: 60 }]);
    const events = [...tap.slice(0, 8), ...dropped()];
    expect(strip(track(encodeEvents(events)))).toEqual([
      { x: 50, y: 60, phase: 'down' },
      { x: 50, y: 60, phase: 'up' },
    ]);
  });

  it('calibrates raw axes to display pixels, with swap and invert', () => {
    const cal = { minX: 0, maxX: 4095, minY: 0, maxY: 4095, swapXY: false, invertX: false, invertY: false };
    expect(calibrate({ x: 0, y: 0 }, cal, 800, 480)).toEqual({ x: 0, y: 0 });
    expect(calibrate({ x: 4095, y: 4095 }, cal, 800, 480)).toEqual({ x: 799, y: 479 });
    expect(calibrate({ x: 2048, y: 1024 }, { ...cal, invertY: true }, 800, 480)).toEqual({ x: 400, y: 359 });
    expect(calibrate({ x: 4095, y: 0 }, { ...cal, swapXY: true }, 800, 480)).toEqual({ x: 0, y: 479 });
    expect(calibrate({ x: -50, y: 9999 }, cal, 800, 480)).toEqual({ x: 0, y: 479 });
  });
});

describe('Driver: evdev touch over a FIFO', () => {
  const dirs: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('reads recorded event bytes written to the device node and reports display pixels', async () => {
    const dir = tempDir('kiosk-evdev-');
    dirs.push(dir);
    const dev = new FakeEvdevDevice(dir);
    const touch = new EvdevTouch(
      {
        device: dev.path,
        width: 800,
        height: 480,
        calibration: {
          minX: 0,
          maxX: 4095,
          minY: 0,
          maxY: 4095,
          swapXY: false,
          invertX: false,
          invertY: false,
        },
        reopenMs: 50,
      },
      createLogger('test'),
    );
    closers.push(
      () => touch.close(),
      () => dev.close(),
    );
    const seen: TouchEvent[] = [];
    touch.onTouch((e) => seen.push(e));
    await touch.open();
    const bytes = encodeEvents(mtTap([{ x: 2048, y: 2048 }]));
    // Split mid-record, as a read() from a pipe may.
    await dev.writeBytes(bytes.subarray(0, 30));
    await dev.writeBytes(bytes.subarray(30));
    await expect.poll(() => seen.length).toBe(2);
    expect(seen.map((e) => [e.x, e.y, e.phase])).toEqual([
      [400, 240, 'down'],
      [400, 240, 'up'],
    ]);
    // Garbage of less than a record is held, not misparsed.
    await dev.writeBytes(Buffer.from([1, 2, 3]));
    expect(seen).toHaveLength(2);
  });

  it('keeps reading after the event source goes away and comes back (replug)', async () => {
    const dir = tempDir('kiosk-evdev-');
    dirs.push(dir);
    const dev = new FakeEvdevDevice(dir);
    const touch = new EvdevTouch(
      {
        device: dev.path,
        width: 800,
        height: 480,
        calibration: {
          minX: 0,
          maxX: 799,
          minY: 0,
          maxY: 479,
          swapXY: false,
          invertX: false,
          invertY: false,
        },
        reopenMs: 20,
      },
      createLogger('test'),
    );
    closers.push(
      () => touch.close(),
      () => dev.close(),
    );
    const seen: TouchEvent[] = [];
    touch.onTouch((e) => seen.push(e));
    await touch.open();
    await dev.send(mtTap([{ x: 10, y: 20 }]));
    await expect.poll(() => seen.length).toBe(2);
    await dev.close(); // the writer goes away: the reader sees EOF and reopens
    await expect.poll(() => touch.opens).toBe(2);
    await dev.send(singleTap([{ x: 30, y: 40 }]));
    await expect.poll(() => seen.length).toBe(4);
    expect(seen.slice(2).map((e) => [e.x, e.y, e.phase])).toEqual([
      [30, 40, 'down'],
      [30, 40, 'up'],
    ]);
  });

  it('a missing device node fails with a DriverError and a hint', async () => {
    const touch = new EvdevTouch(
      {
        device: '/nonexistent/event9',
        width: 800,
        height: 480,
        calibration: {
          minX: 0,
          maxX: 799,
          minY: 0,
          maxY: 479,
          swapXY: false,
          invertX: false,
          invertY: false,
        },
      },
      createLogger('test'),
    );
    const err = await touch.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).hint).toMatch(/input.touch.device/);
  });
});
