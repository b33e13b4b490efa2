import { createReadStream, type ReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { systemClock, type Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import { Reconnect } from '../../runtime/reconnect.js';
import { DriverError, errorMessage } from '../../runtime/errors.js';
import { Listeners } from '../../runtime/listeners.js';
import { calibrate, InputEventDecoder, TouchTracker, type TouchCalibration } from './evdev-parser.js';
import type { TouchEvent, TouchInput } from './types.js';

export interface EvdevOptions {
  /** /dev/input/eventN (or a FIFO/file with recorded events). */
  device: string;
  /** Display size in device pixels (the panel's mode). */
  width: number;
  height: number;
  calibration: TouchCalibration;
  /** struct input_event size; default from the CPU architecture. */
  recordSize?: 16 | 24;
  /** Wait before reopening a device that went away (ms). */
  reopenMs?: number;
}

/**
 * Touch panel through evdev: reads input_event records from the device node (no ioctls, so axis
 * ranges come from config), tracks the primary contact and reports it in display pixels. When the
 * device vanishes (USB touch unplugged) it logs what to check and reopens it periodically.
 */
export class EvdevTouch implements TouchInput {
  readonly kind = 'evdev';
  private readonly listeners = new Listeners<TouchEvent>();
  private stream: ReadStream | undefined;
  private reopen: Reconnect | undefined;
  private running = false;
  /** Events parsed and times the device was (re)opened, for diagnostics. */
  events = 0;
  opens = 0;

  constructor(
    private readonly options: EvdevOptions,
    private readonly log: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  async open(): Promise<void> {
    if (this.running) return;
    try {
      await access(this.options.device, constants.R_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new DriverError(
        this.options.device,
        code === 'ENOENT' ? 'disconnected' : 'device-fault',
        code === 'ENOENT' ? 'no-device' : 'permission',
        `cannot read ${this.options.device}: ${errorMessage(err)}`,
        code === 'ENOENT'
          ? 'check the touch cable and find the right node with "ls -l /dev/input/by-path" or evtest; set input.touch.device'
          : 'add the kiosk user to the "input" group (usermod -aG input kiosk)',
        { cause: err },
      );
    }
    this.running = true;
    this.read();
  }

  private read(): void {
    const decoder = new InputEventDecoder(this.options.recordSize);
    const tracker = new TouchTracker();
    const { width, height, calibration } = this.options;
    const stream = createReadStream(this.options.device, { highWaterMark: 64 * 24 });
    this.stream = stream;
    this.opens++;
    stream.on('data', (chunk) => {
      for (const ev of decoder.push(chunk as Buffer)) {
        this.events++;
        const raw = tracker.feed(ev);
        if (!raw) continue;
        const p = calibrate(raw, calibration, width, height);
        this.listeners.emit({ x: p.x, y: p.y, phase: raw.phase, at: raw.at });
      }
    });
    stream.on('error', (err) => {
      this.log.error(
        { err, device: this.options.device },
        `touch panel ${this.options.device} failed (${errorMessage(err)}); check its cable, retrying`,
      );
      this.retry();
    });
    stream.on('end', () => {
      // A character device never ends; a FIFO ends when its writer closes, a file at EOF.
      this.log.info({ device: this.options.device }, 'touch input ended; reopening');
      this.retry();
    });
  }

  private retry(): void {
    this.stream?.destroy();
    this.stream = undefined;
    if (!this.running) return;
    this.reopen ??= new Reconnect(this.clock, this.options.reopenMs ?? 2000, async () => {
      if (this.running) this.read();
    });
    this.reopen.start();
  }

  onTouch(listener: (event: TouchEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.running = false;
    this.reopen?.stop();
    const s = this.stream;
    this.stream = undefined;
    s?.destroy();
  }
}
