import type { SerialPort } from 'serialport';
import { closeSerialPort, openSerialPort } from '../drivers/serial-port.js';
import { PtyPair } from './pty-pair.js';

const REPORT_VERSION = 0xf9;
const START_SYSEX = 0xf0;
const END_SYSEX = 0xf7;
const QUERY_FIRMWARE = 0x79;
const CAPABILITY_QUERY = 0x6b;
const CAPABILITY_RESPONSE = 0x6c;
const ANALOG_MAPPING_QUERY = 0x69;
const ANALOG_MAPPING_RESPONSE = 0x6a;
const PIN_MODE = 0xf4;
const SET_DIGITAL_PIN_VALUE = 0xf5;
const DIGITAL_MESSAGE = 0x90;
const REPORT_DIGITAL = 0xd0;
const SAMPLING_INTERVAL = 0x7a;

/** Firmata pin modes. */
export const PIN_MODES = { INPUT: 0, OUTPUT: 1, PULLUP: 0x0b } as const;

/**
 * An Arduino Uno running StandardFirmata 2.5 at the far end of a real pty (socat), speaking real
 * Firmata bytes: version/firmware/capability/analog-mapping handshake, pin modes, digital port
 * reporting and writes. press()/release() move a button pin (with the pull-up logic of a button
 * to GND); `outputs` shows LED pins. unplug() kills socat.
 */
export class FirmataBoardMock {
  readonly pair: PtyPair;
  readonly pinCount = 20;
  /** Mode of each pin as last set by the host. */
  readonly modes = new Map<number, number>();
  /** Electrical level of each input pin (pull-ups rest high). */
  private readonly inputs = new Map<number, 0 | 1>();
  /** Levels written by the host to output pins. */
  readonly outputs = new Map<number, 0 | 1>();
  private readonly reporting = new Set<number>();
  private port: SerialPort | undefined;
  private buffer: number[] = [];
  /** When false the board ignores everything (a board without Firmata uploaded). */
  firmata = true;

  constructor(dir: string, name = 'firmata') {
    this.pair = new PtyPair(dir, name);
  }

  get path(): string {
    return this.pair.devicePath;
  }

  async start(): Promise<void> {
    await this.pair.plug();
    const port = await openSerialPort({ device: 'mock-firmata', path: this.pair.mockPath, baudRate: 57_600 });
    port.on('data', (chunk: Buffer) => {
      for (const b of chunk) this.byte(b);
    });
    port.on('error', () => port.destroy());
    this.port = port;
    this.buffer = [];
  }

  /** Sets a pin's electrical level and reports its port if the host asked for reports. */
  setLevel(pin: number, level: 0 | 1): void {
    this.inputs.set(pin, level);
    const port = pin >> 3;
    if (this.reporting.has(port)) this.sendPort(port);
  }

  /** A button wired to GND with a pull-up: pressed = low. */
  press(pin: number): void {
    this.setLevel(pin, 0);
  }

  release(pin: number): void {
    this.setLevel(pin, 1);
  }

  async unplug(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port) await closeSerialPort(port);
    await this.pair.unplug();
    this.reporting.clear();
  }

  async plug(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.unplug();
  }

  private send(bytes: number[]): void {
    this.port?.write(Buffer.from(bytes));
  }

  private level(pin: number): 0 | 1 {
    const mode = this.modes.get(pin);
    if (mode === PIN_MODES.OUTPUT) return this.outputs.get(pin) ?? 0;
    return this.inputs.get(pin) ?? (mode === PIN_MODES.PULLUP ? 1 : 0);
  }

  private sendPort(port: number): void {
    let value = 0;
    for (let i = 0; i < 8; i++) if (this.level(port * 8 + i)) value |= 1 << i;
    this.send([DIGITAL_MESSAGE | port, value & 0x7f, (value >> 7) & 0x7f]);
  }

  private byte(b: number): void {
    if (!this.firmata) return;
    const buf = this.buffer;
    if (buf.length === 0 && b < 0x80) return; // data byte without a command: line noise
    if (b >= 0x80 && b !== END_SYSEX && buf[0] !== START_SYSEX) buf.length = 0;
    buf.push(b);
    const cmd = buf[0] as number;
    if (cmd === START_SYSEX) {
      if (b === END_SYSEX) {
        this.sysex(buf.slice(1, -1));
        buf.length = 0;
      }
      return;
    }
    if (cmd === REPORT_VERSION) {
      this.send([REPORT_VERSION, 2, 5]);
      buf.length = 0;
      return;
    }
    const high = cmd & 0xf0;
    const needed = high === DIGITAL_MESSAGE || cmd === PIN_MODE || cmd === SET_DIGITAL_PIN_VALUE ? 3 : 2;
    if (buf.length < needed) return;
    const [, a = 0, c = 0] = buf;
    buf.length = 0;
    if (cmd === PIN_MODE) {
      this.modes.set(a, c);
      if (c === PIN_MODES.PULLUP && !this.inputs.has(a)) this.inputs.set(a, 1);
    } else if (cmd === SET_DIGITAL_PIN_VALUE) this.outputs.set(a, c ? 1 : 0);
    else if (high === DIGITAL_MESSAGE) {
      const port = cmd & 0x0f;
      const value = a | (c << 7);
      for (let i = 0; i < 8; i++) {
        const pin = port * 8 + i;
        if (this.modes.get(pin) === PIN_MODES.OUTPUT) this.outputs.set(pin, (value >> i) & 1 ? 1 : 0);
      }
    } else if (high === REPORT_DIGITAL) {
      const port = cmd & 0x0f;
      if (a) {
        this.reporting.add(port);
        this.sendPort(port);
      } else this.reporting.delete(port);
    }
    // Anything else (analog reports, sampling interval): accepted and ignored.
  }

  private sysex(body: number[]): void {
    const [command] = body;
    switch (command) {
      case QUERY_FIRMWARE: {
        const name = Buffer.from('StandardFirmata.ino', 'latin1');
        const encoded: number[] = [];
        for (const ch of name) encoded.push(ch & 0x7f, (ch >> 7) & 0x7f);
        this.send([START_SYSEX, QUERY_FIRMWARE, 2, 5, ...encoded, END_SYSEX]);
        return;
      }
      case CAPABILITY_QUERY: {
        const pins: number[] = [];
        for (let pin = 0; pin < this.pinCount; pin++) {
          pins.push(PIN_MODES.INPUT, 1, PIN_MODES.OUTPUT, 1, PIN_MODES.PULLUP, 1);
          if (pin >= 14) pins.push(2, 10); // analog, 10-bit
          pins.push(0x7f);
        }
        this.send([START_SYSEX, CAPABILITY_RESPONSE, ...pins, END_SYSEX]);
        return;
      }
      case ANALOG_MAPPING_QUERY: {
        const map: number[] = [];
        for (let pin = 0; pin < this.pinCount; pin++) map.push(pin >= 14 ? pin - 14 : 0x7f);
        this.send([START_SYSEX, ANALOG_MAPPING_RESPONSE, ...map, END_SYSEX]);
        return;
      }
      case SAMPLING_INTERVAL:
      default:
        return;
    }
  }
}
