import type { Clock } from '../../runtime/clock.js';
import { createLogger } from '../../runtime/logger.js';
import type { ButtonTiming } from './button-logic.js';
import { findGpioChip, sysfsNumber, type GpioChip } from './gpio-chip.js';
import { onoffLines, type GpioLine, type GpioLineFactory } from './gpio-lines.js';
import { ButtonPanel } from './panel.js';
import { isButtonId, type ButtonId } from './types.js';

export interface GpioButtonsOptions {
  /** /sys/class/gpio, or a fake tree in tests. */
  sysfsRoot: string;
  /** Chip label; empty = the Raspberry Pi header chip. */
  chipLabel?: string;
  /** Button id -> line offset on the chip (BCM number on a Pi). */
  pins: Record<string, number>;
  /** Button id -> line offset of its LED. */
  leds: Record<string, number>;
  timing: ButtonTiming;
  /** Line backend; onoff unless a test injects one. */
  lines?: GpioLineFactory;
}

function checkIds(map: Record<string, number>, field: string): [ButtonId, number][] {
  return Object.entries(map).map(([id, pin]) => {
    if (!isButtonId(id)) throw new TypeError(`${field}.${id}: "${id}" is not a button id`);
    return [id, pin];
  });
}

/**
 * Buttons (and their LEDs) on sysfs GPIO lines. Pins in config are line offsets on the chip
 * (BCM numbers on a Pi); the chip base from /sys/class/gpio/gpiochip*\/base is added, so the
 * same config works on kernels before 6.6 (base 0) and after (base 512, every Pi 5).
 */
export class GpioButtons extends ButtonPanel {
  readonly kind = 'gpio';
  private inputs: { id: ButtonId; line: GpioLine }[] = [];
  private outputs = new Map<ButtonId, GpioLine>();
  private chipInfo: GpioChip | undefined;
  private opened = false;

  constructor(
    private readonly options: GpioButtonsOptions,
    clock: Clock,
  ) {
    super(options.timing, clock, createLogger('buttons'), Object.keys(options.leds).filter(isButtonId));
  }

  /** The chip in use (after open). */
  get chip(): GpioChip | undefined {
    return this.chipInfo;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    const pins = checkIds(this.options.pins, 'input.buttons.pins');
    const leds = checkIds(this.options.leds, 'input.buttons.leds');
    const chip = await findGpioChip(this.options.sysfsRoot, this.options.chipLabel || undefined);
    const lines = this.options.lines ?? onoffLines;
    try {
      for (const [id, pin] of pins) {
        const line = lines(sysfsNumber(chip, pin, `input.buttons.pins.${id}`), 'in');
        this.inputs.push({ id, line });
        this.logic.input(id, await line.read());
        line.watch((level) => this.logic.input(id, level));
      }
      for (const [id, pin] of leds) {
        const line = lines(sysfsNumber(chip, pin, `input.buttons.leds.${id}`), 'out');
        this.outputs.set(id, line);
        await line.write(0);
      }
    } catch (err) {
      this.releaseAll();
      throw err;
    }
    this.chipInfo = chip;
    this.opened = true;
    this.log.info(
      { chip: chip.label, base: chip.base, buttons: pins.length, leds: leds.length },
      'GPIO buttons ready',
    );
  }

  protected async writeLed(id: ButtonId, on: boolean): Promise<void> {
    await this.outputs.get(id)?.write(on ? 1 : 0);
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    this.stopPanel();
    for (const line of this.outputs.values()) await line.write(0).catch(() => undefined);
    this.releaseAll();
  }

  private releaseAll(): void {
    for (const { line } of this.inputs) line.release();
    for (const line of this.outputs.values()) line.release();
    this.inputs = [];
    this.outputs.clear();
  }
}
