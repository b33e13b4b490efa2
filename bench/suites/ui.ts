import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { join } from 'node:path';
import { FbdevDisplay } from '../../drivers/display/fbdev.js';
import { convertRect } from '../../drivers/display/pixel-format.js';
import type { Frame, PixelFormat } from '../../drivers/display/types.js';
import { FakeFbdev } from '../../hardware-mocks/fbdev.js';
import { ManualClock } from '../../runtime/clock.js';
import { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../../domain/events.js';
import { configureLogging, createLogger } from '../../runtime/logger.js';
import { Session } from '../../domain/session.js';
import type { Screen } from '../../ui-framebuffer/screen.js';
import { UiService } from '../../ui-framebuffer/ui-service.js';
import { RotatedDisplay } from '../../drivers/display/rotated-display.js';
import { createShowcaseScreen } from '../../ui-framebuffer/widgets/showcase.js';
import { percentile, timeIt, type BenchResult, type BenchSuite } from '../bench-types.js';
import type { ScreenLatency } from '../lean/input-latency.js';
import { measureInput } from '../lean/measure-input.js';

const SIZES = [
  [800, 480],
  [1280, 800],
] as const;
const FORMATS: PixelFormat[] = ['rgb565le', 'xrgb8888'];
const DEPTH: Record<string, 16 | 32> = { rgb565le: 16, xrgb8888: 32 };

interface Rig {
  ui: UiService;
  display: FbdevDisplay;
  bus: EventBus<KioskEvents>;
  clock: ManualClock;
  flip(): void;
  showList(): void;
  close(): Promise<void>;
}

/** A UI service drawing the widget showcase to a fake fbdev (file-backed), as on a real panel. */
export async function rig(
  width: number,
  height: number,
  format: PixelFormat,
  rotation: 0 | 90 = 0,
): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-ui-'));
  const fb = new FakeFbdev(dir, { width, height, bitsPerPixel: DEPTH[format] ?? 16 });
  const display = new FbdevDisplay({ device: fb.device, sysfsDir: fb.sysfsDir });
  const bus = new EventBus<KioskEvents>(createLogger('bench'));
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 30, 0));
  let scene: 'list' | 'text' = 'list';
  const logical = rotation === 90 ? { width: height, height: width } : { width, height };
  const panel = new RotatedDisplay(display, { ...logical, rotation }, createLogger('display'));
  const ui = new UiService(
    panel,
    bus,
    new Session(bus),
    clock,
    createLogger('ui'),
    {
      ...logical,
      touchToScreen: (x, y) => panel.toLogical(x, y),
      theme: 'normal',
      idleTimeoutSeconds: 600,
      timeZone: 'Asia/Ho_Chi_Minh',
    },
    (nav, route) => {
      if (route !== 'home') return undefined;
      const screens: Record<string, Screen> = {
        list: createShowcaseScreen(nav, 'list'),
        text: createShowcaseScreen(nav, 'text'),
      };
      return {
        name: 'bench',
        render: (rc) => (screens[scene] as Screen).render(rc),
      };
    },
    () => undefined,
  );
  await ui.start({ signal: new AbortController().signal, fail: () => undefined });
  return {
    ui,
    display,
    bus,
    clock,
    flip: () => {
      scene = scene === 'list' ? 'text' : 'list';
    },
    showList: () => {
      scene = 'list';
    },
    close: async () => {
      await ui.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stats(suite: string, name: string, times: number[], note: string): BenchResult[] {
  return [
    { suite, name: `${name} (median)`, value: percentile(times, 50), unit: 'ms', better: 'lower', note },
    { suite, name: `${name} (p95)`, value: percentile(times, 95), unit: 'ms', better: 'lower', note },
  ];
}

/** Another build's dist folder measured in the same rounds as this one's (per-screen input rows). */
const BASELINE = process.env.KIOSK_BENCH_UI_BASELINE && resolve(process.env.KIOSK_BENCH_UI_BASELINE);
const ROUNDS = Number(process.env.KIOSK_BENCH_UI_ROUNDS ?? 2);
const PRESSES = Number(process.env.KIOSK_BENCH_UI_PRESSES ?? 20);
const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';

/** Each screen's presses over all rounds, by name. */
function pooled(runs: ScreenLatency[][]): Map<string, ScreenLatency> {
  const by = new Map<string, ScreenLatency>();
  for (const run of runs)
    for (const s of run) {
      const into = by.get(s.name);
      if (!into) by.set(s.name, { ...s, times: [...s.times], cpu: [...s.cpu], stages: [...s.stages] });
      else {
        into.times.push(...s.times);
        into.cpu.push(...s.cpu);
        into.stages.push(...s.stages);
      }
    }
  return by;
}

/**
 * Input → frame on every screen of the kiosk (DOWN, a focus move or a page turn), at 800×480 and
 * 1280×800, in processes of their own with the kiosk's flags and the unit's environment; with
 * KIOSK_BENCH_UI_BASELINE=<other build's dist> that build runs in the same rounds, alternating.
 * The row's value is the kiosk thread's CPU per input (process.cpuUsage around it): the wall time
 * on this shared 2-core machine is mostly the wait for a core; CPU and the stage breakdown
 * (draw, read back, diff, convert + write) hold under load. The ratio is new / baseline.
 */
async function perScreen(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const [width, height] of SIZES) {
    const size = `${width}x${height}`;
    const runs: ScreenLatency[][] = [];
    const base: ScreenLatency[][] = [];
    const loads: string[] = [load()];
    for (let i = 0; i < ROUNDS; i++) {
      if (BASELINE) base.push(await measureInput(BASELINE, width, height, PRESSES));
      runs.push(await measureInput(resolve('dist'), width, height, PRESSES));
    }
    loads.push(load());
    const now = pooled(runs);
    const before = pooled(base);
    let sum = 0;
    let sumBefore = 0;
    for (const [name, s] of now) {
      const cpu = percentile(s.cpu, 50);
      // A screen whose DOWN changes nothing (its only target has the focus) costs no frame.
      if (!(cpu > 0.3)) continue;
      const b = before.get(name);
      const stage = (k: keyof ScreenLatency['stages'][number]): string =>
        percentile(
          s.stages.map((x) => x[k]),
          50,
        ).toFixed(1);
      const vs = b
        ? `; baseline CPU p50 ${percentile(b.cpu, 50).toFixed(2)} ms (${(cpu / percentile(b.cpu, 50)).toFixed(2)}x), wall p50 ${percentile(b.times, 50).toFixed(1)} p99 ${percentile(b.times, 99).toFixed(1)}`
        : '';
      sum += cpu;
      if (b) sumBefore += percentile(b.cpu, 50);
      out.push({
        suite: 'ui',
        name: `input → frame CPU p50 ${name} ${size}`,
        value: cpu,
        unit: 'ms',
        better: 'lower',
        note: `${s.cpu.length} presses; CPU p99 ${percentile(s.cpu, 99).toFixed(1)}; wall p50 ${percentile(s.times, 50).toFixed(1)} p99 ${percentile(s.times, 99).toFixed(1)}; stages p50 draw ${stage('draw')} read ${stage('read')} diff ${stage('diff')} present ${stage('present')}${vs}; load ${loads.join('→')}`,
      });
    }
    out.push({
      suite: 'ui',
      name: `input → frame CPU p50 summed over screens ${size}`,
      value: sum,
      unit: 'ms',
      better: 'lower',
      note: `${now.size} screens${BASELINE ? `; baseline ${sumBefore.toFixed(1)} ms (${(sum / sumBefore).toFixed(2)}x), alternating, ${ROUNDS} rounds` : ''}; load ${loads.join('→')}`,
    });
  }
  return out;
}

/** Rendering, conversion and fbdev writes: full frames, clock-only updates, input latency. */
const suite: BenchSuite = {
  name: 'ui',
  async run(): Promise<BenchResult[]> {
    configureLogging({ level: 'warn' });
    const out: BenchResult[] = [];
    const variants: [number, number, PixelFormat, 0 | 90][] = [];
    for (const [width, height] of SIZES)
      for (const format of FORMATS) variants.push([width, height, format, 0]);
    variants.push([800, 480, 'rgb565le', 90]);
    for (const [width, height, format, rotation] of variants) {
      const size = `${width}x${height}${rotation ? ' portrait (90°)' : ''}`;
      {
        const r = await rig(width, height, format, rotation);
        try {
          const fb = r.display.framebuffer;
          // Full frame: the whole screen changes (list <-> long text), render + diff + convert + write.
          const full = await timeIt(async () => {
            r.flip();
            r.ui.refresh();
            await r.ui.flush();
          }, 30);
          const fullBytes = fb?.lastWrite ?? 0;
          out.push(
            ...stats(
              'ui',
              `full frame render+convert+write ${size} ${format}`,
              full,
              `${fullBytes} bytes written per frame`,
            ),
          );
          // Clock tick: only the header clock's rows change.
          const tick = await timeIt(async () => {
            r.clock.advance(60_000);
            r.ui.clockTick();
            await r.ui.flush();
          }, 30);
          out.push(
            ...stats(
              'ui',
              `clock-only partial update ${size} ${format}`,
              tick,
              `${fb?.lastWrite ?? 0} bytes written (${((100 * (fb?.lastWrite ?? 0)) / Math.max(1, fullBytes)).toFixed(1)}% of a frame)`,
            ),
          );
          // Input -> dirty rect written: a DOWN press moves the focus ring over the list's rows.
          r.showList();
          r.ui.refresh();
          await r.ui.flush();
          if (r.ui.visibleTargets.length < 2)
            throw new Error('bench screen has no targets to move the focus over');
          const input = await timeIt(async () => {
            r.bus.emit('input.button', { id: 'down', action: 'press', at: 0 });
            await r.ui.settle();
          }, 60);
          out.push(
            {
              suite: 'ui',
              name: `input event -> dirty rect written ${size} ${format} (p50)`,
              value: percentile(input, 50),
              unit: 'ms',
              better: 'lower',
              note: `focus move, ${fb?.lastWrite ?? 0} bytes`,
            },
            {
              suite: 'ui',
              name: `input event -> dirty rect written ${size} ${format} (p99)`,
              value: percentile(input, 99),
              unit: 'ms',
              better: 'lower',
              note: '60 presses',
            },
          );
        } finally {
          await r.close();
        }
      }
    }
    for (const [width, height] of SIZES) {
      const size = `${width}x${height}`;
      // Pixel conversion alone, per format.
      const frame: Frame = {
        width,
        height,
        data: new Uint8ClampedArray(width * height * 4).map((_, i) => (i * 7) & 0xff),
      };
      for (const format of ['rgb565le', 'rgb888', 'xrgb8888'] as const) {
        const bpp = format === 'rgb565le' ? 2 : format === 'rgb888' ? 3 : 4;
        const dst = Buffer.alloc(width * height * bpp);
        const times = await timeIt(
          () => convertRect(frame, { x: 0, y: 0, width, height }, format, dst, width * bpp),
          30,
        );
        out.push({
          suite: 'ui',
          name: `convert full frame ${size} ${format}`,
          value: percentile(times, 50),
          unit: 'ms',
          better: 'lower',
          note: 'median of 30',
        });
      }
    }
    out.push(...(await perScreen()));
    return out;
  },
};

export default suite;
