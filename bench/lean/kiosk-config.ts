import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchKioskOptions {
  width: number;
  height: number;
  /** The fleet broker; the fleet link is off without one. */
  brokerUrl?: string;
  /** Default 'info' (the lean suite reads "catalog loaded" from the log). */
  logLevel?: 'info' | 'error';
}

/**
 * The config every lean measurement runs the kiosk with (bench/suites/lean.ts, and
 * bench/lean/input-latency.ts in its own process): the file display in `dir` (panel.raw,
 * rgb565le), mock peripherals, the shipped catalog, data in `dir`/data. Written to
 * `dir`/kiosk.json; returns its path.
 */
export function writeKioskConfig(dir: string, options: BenchKioskOptions): string {
  const file = join(dir, 'kiosk.json');
  writeFileSync(
    file,
    JSON.stringify({
      logLevel: options.logLevel ?? 'info',
      device: { id: `bench-lean-${Math.floor(Math.random() * 1e6)}` },
      display: {
        driver: 'file',
        file: join(dir, 'panel.raw'),
        width: options.width,
        height: options.height,
        pixelFormat: 'rgb565le',
      },
      input: { buttons: { driver: 'mock' }, touch: { driver: 'mock' } },
      printer: { driver: 'mock' },
      scanner: { driver: 'mock' },
      audio: { driver: 'mock' },
      storage: { dataDir: join(dir, 'data') },
      fleet: options.brokerUrl
        ? { enabled: true, broker: options.brokerUrl, reconnectMinMs: 200 }
        : { enabled: false },
    }),
  );
  return file;
}
