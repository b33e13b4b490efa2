import type { EventEmitter } from 'node:events';
import { lazyRequire } from '../../runtime/lazy-require.js';
import type { SerialPort } from 'serialport';
import type { Clock } from '../../runtime/clock.js';
import { Reconnect } from '../../runtime/reconnect.js';
import { DriverError } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/logger.js';
import { closeSerialPort, openSerialPort } from '../serial-port.js';
import type { ButtonTiming } from './button-logic.js';
import { ButtonPanel } from './panel.js';
import { isButtonId, type ButtonId } from './types.js';

/** The part of firmata-io's Board the panel uses (the package ships no types). */
interface FirmataBoard extends EventEmitter {
  reportVersion(callback: () => void): void;
  MODES: { INPUT: number; OUTPUT: number; PULLUP: number };
  firmware: { name?: string; version?: { major: number; minor: number } };
  pinMode(pin: number, mode: number): void;
  digitalRead(pin: number, callback: (value: number) => void): void;
  digitalWrite(pin: number, value: number): void;
  reportDigitalPin(pin: number, value: 0 | 1): void;
}
type FirmataCtor = new (transport: SerialPort, options: Record<string, unknown>) => FirmataBoard;

// firmata-io is CommonJS; given a transport object it never loads the old serialport 8.
const firmata = lazyRequire<{ Firmata: FirmataCtor }>('firmata-io');

export interface FirmataButtonsOptions {
  path: string;
  baudRate: number;
  /** Button id -> Arduino digital pin. */
  pins: Record<string, number>;
  /** Button id -> Arduino pin of its LED. */
  leds: Record<string, number>;
  /** Enable the Arduino's internal pull-ups on button pins (buttons wired to GND). */
  pullUp: boolean;
  timing: ButtonTiming;
  /** How long to wait for the board's Firmata handshake. Default 5000 ms. */
  readyTimeoutMs?: number;
  reconnectMs?: number;
  /**
   * Liveness check: the board must answer a version query this often (ms). A hung-up tty does not
   * always report itself (data in flight when the cable goes), so silence counts as unplugged.
   * Default 2000; 0 disables.
   */
  heartbeatMs?: number;
}

/**
 * A button/LED panel on an Arduino running StandardFirmata over USB serial (firmata-io on our
 * serialport 13). Reconnects after the board is unplugged.
 */
export class FirmataButtons extends ButtonPanel {
  readonly kind = 'firmata';
  private port: SerialPort | undefined;
  private board: FirmataBoard | undefined;
  private running = false;
  private reconnect: Reconnect | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: FirmataButtonsOptions,
    clock: Clock,
  ) {
    super(options.timing, clock, createLogger('buttons'), Object.keys(options.leds).filter(isButtonId));
    for (const [field, map] of [
      ['input.buttons.pins', options.pins],
      ['input.buttons.leds', options.leds],
    ] as const)
      for (const id of Object.keys(map))
        if (!isButtonId(id)) throw new TypeError(`${field}.${id}: "${id}" is not a button id`);
  }

  get connected(): boolean {
    return this.board !== undefined;
  }

  /** Firmware name/version the board reported (after open). */
  get firmware(): string | undefined {
    const fw = this.board?.firmware;
    return fw?.name ? `${fw.name} ${fw.version?.major ?? '?'}.${fw.version?.minor ?? '?'}` : undefined;
  }

  async open(): Promise<void> {
    if (this.running) return;
    await this.connect();
    this.running = true;
  }

  async close(): Promise<void> {
    this.running = false;
    this.reconnect?.stop();
    clearInterval(this.heartbeat);
    this.stopPanel();
    const port = this.port;
    this.port = undefined;
    this.board?.removeAllListeners();
    this.board = undefined;
    if (port) await closeSerialPort(port);
  }

  protected async writeLed(id: ButtonId, on: boolean): Promise<void> {
    const pin = this.options.leds[id];
    if (pin !== undefined) this.board?.digitalWrite(pin, on ? 1 : 0);
  }

  private async connect(): Promise<void> {
    const port = await openSerialPort({
      device: 'buttons',
      path: this.options.path,
      baudRate: this.options.baudRate,
    });
    const board = new (firmata().Firmata)(port, { reportVersionTimeout: 300 });
    board.on('error', (err: Error) => this.log.warn({ err }, `Firmata board error: ${err.message}`));
    const timeoutMs = this.options.readyTimeoutMs ?? 5000;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new DriverError(
                'buttons',
                'timeout',
                'no-firmata',
                `the board on ${this.options.path} did not answer the Firmata handshake within ${timeoutMs} ms`,
                'upload StandardFirmata to the Arduino (Arduino IDE: File > Examples > Firmata > StandardFirmata) and check input.buttons.baudRate is 57600',
              ),
            ),
          timeoutMs,
        );
        board.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    } catch (err) {
      board.removeAllListeners();
      await closeSerialPort(port);
      throw err;
    }
    const buttonPins = Object.entries(this.options.pins) as [ButtonId, number][];
    // All modes first: a port report sent before a neighbour's pull-up is on would read it low.
    for (const [, pin] of buttonPins)
      board.pinMode(pin, this.options.pullUp ? board.MODES.PULLUP : board.MODES.INPUT);
    for (const [id, pin] of buttonPins)
      board.digitalRead(pin, (value) => this.logic.input(id, value ? 1 : 0));
    for (const pin of Object.values(this.options.leds)) {
      board.pinMode(pin, board.MODES.OUTPUT);
      board.digitalWrite(pin, 0);
    }
    port.on('close', () => {
      clearInterval(this.heartbeat);
      if (this.port !== port) return;
      this.port = undefined;
      this.board?.removeAllListeners();
      this.board = undefined;
      this.logic.reset();
      if (this.running) this.startReconnect();
    });
    this.port = port;
    this.board = board;
    this.startHeartbeat(port, board);
    this.log.info({ path: this.options.path, firmware: this.firmware }, 'Firmata button panel ready');
  }

  private startHeartbeat(port: SerialPort, board: FirmataBoard): void {
    const every = this.options.heartbeatMs ?? 2000;
    if (every <= 0) return;
    let answered = true;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (!answered) {
        this.log.warn({ path: this.options.path }, `button panel stopped answering for ${every} ms`);
        clearInterval(this.heartbeat);
        port.destroy();
        return;
      }
      answered = false;
      board.reportVersion(() => (answered = true));
    }, every);
    this.heartbeat.unref();
  }

  private startReconnect(): void {
    if (this.reconnect?.active) return;
    this.log.warn(
      { path: this.options.path },
      'button panel disconnected: check its USB cable; reconnecting automatically',
    );
    this.reconnect ??= new Reconnect(
      this.clock,
      this.options.reconnectMs ?? 1000,
      () => this.connect(),
      (err) => this.log.debug({ err }, 'button panel reconnect attempt failed'),
    );
    this.reconnect.start();
  }
}
