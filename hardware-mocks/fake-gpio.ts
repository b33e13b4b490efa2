import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GpioLine, GpioLineFactory } from '../drivers/buttons/gpio-lines.js';
import { Listeners } from '../runtime/listeners.js';

export interface FakeChipSpec {
  label: string;
  base: number;
  ngpio: number;
}

/** Raspberry Pi 4 on kernel >= 6.6: the header chip starts at 512; the expander chip follows. */
export const PI4_KERNEL_66: FakeChipSpec[] = [
  { label: 'pinctrl-bcm2711', base: 512, ngpio: 58 },
  { label: 'raspberrypi-exp-gpio', base: 570, ngpio: 8 },
];

/** Writes a sysfs GPIO tree (gpiochipN/{label,base,ngpio}, export, unexport) under `root`. */
export function writeFakeSysfsGpio(root: string, chips: readonly FakeChipSpec[]): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'export'), '');
  writeFileSync(join(root, 'unexport'), '');
  for (const chip of chips) {
    const dir = join(root, `gpiochip${chip.base}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'label'), `${chip.label}\n`);
    writeFileSync(join(dir, 'base'), `${chip.base}\n`);
    writeFileSync(join(dir, 'ngpio'), `${chip.ngpio}\n`);
  }
}

interface FakeLineState {
  direction: 'in' | 'out';
  level: 0 | 1;
  exported: boolean;
  watchers: Listeners<0 | 1>;
}

/**
 * GPIO lines as the kernel would present them, for tests: the driver exports sysfs numbers,
 * the test sets input levels (a finger on a button, bounce included) and reads LED outputs.
 * Inputs rest high (pull-up) unless told otherwise.
 */
export class FakeGpio {
  readonly lines = new Map<number, FakeLineState>();
  /** Sysfs numbers exported, in order (checks the chip base offset was applied). */
  readonly exported: number[] = [];

  constructor(private readonly restLevel: 0 | 1 = 1) {}

  readonly factory: GpioLineFactory = (n, direction) => {
    const existing = this.lines.get(n);
    if (existing?.exported) throw new Error(`EBUSY: GPIO ${n} is already exported`);
    const state: FakeLineState = existing ?? {
      direction,
      level: direction === 'in' ? this.restLevel : 0,
      exported: true,
      watchers: new Listeners<0 | 1>(),
    };
    state.direction = direction;
    state.exported = true;
    this.lines.set(n, state);
    this.exported.push(n);
    const line: GpioLine = {
      read: async () => state.level,
      watch: (listener) => void state.watchers.add(listener),
      write: async (level) => {
        if (state.direction !== 'out') throw new Error(`EPERM: GPIO ${n} is an input`);
        state.level = level;
      },
      release: () => {
        state.exported = false;
        state.watchers.clear();
      },
    };
    return line;
  };

  /** Drives an input line like a button contact would; fires edge watchers on change. */
  set(n: number, level: 0 | 1): void {
    const state = this.lines.get(n);
    if (!state || !state.exported) throw new Error(`GPIO ${n} is not exported`);
    if (state.level === level) return;
    state.level = level;
    state.watchers.emit(level);
  }

  /** Level of a line (LED outputs). */
  level(n: number): 0 | 1 | undefined {
    return this.lines.get(n)?.level;
  }

  isExported(n: number): boolean {
    return this.lines.get(n)?.exported ?? false;
  }
}
