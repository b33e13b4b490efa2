/**
 * Input → frame on every screen, in a process of its own so that V8 flags (`kiosk run` sets
 * --optimize-for-size) and the build measured can be chosen (bench/suites/lean.ts runs it with the
 * kiosk's flags and the systemd unit's environment, at 800×480 and 1280×800).
 *
 * A kiosk composed on mock peripherals with a file display (rgb565le; the lean suite's config,
 * bench/lean/kiosk-config.ts) shows each screen that has
 * a preview; DOWN is pressed `presses` times (after 5 unmeasured), each timed from the event to
 * the frame written to the file (ui.settle()). Per press it also keeps the compositor's stages
 * (when the build reports them: ui.frame `stages`) and the GC pauses that fell inside it.
 *
 * Usage: node [--optimize-for-size] input-latency.js <dist root> <width> <height> <presses>
 * Prints one JSON object: { screens: [{ name, times, redraws, stages, gc }] }.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { writeKioskConfig } from './kiosk-config.js';

export interface PressStages {
  draw: number;
  read: number;
  diff: number;
  present: number;
}

export interface ScreenLatency {
  name: string;
  /** ms from the DOWN event to the frame written, one per press. */
  times: number[];
  /**
   * CPU ms the process spent on each press (user + system, all its threads): what the press costs
   * whatever else the machine is doing, where `times` also holds the waits for a core.
   */
  cpu: number[];
  /** How each press's frames were drawn ('full', 'regions'; empty when the build does not say). */
  redraws: string[];
  /** The stages summed over each press's frames (empty when the build does not report them). */
  stages: PressStages[];
  /** GC pauses that ended inside a press, ms, one list per press. */
  gc: number[][];
  /** Pixels sent to the display per press (the frames' dirty area). */
  area: number[];
}

const [root = resolve('dist'), w = '800', h = '480', n = '60'] = process.argv.slice(2);
const width = Number(w);
const height = Number(h);
const presses = Number(n);
const load = (path: string): Promise<Record<string, unknown>> =>
  import(pathToFileURL(join(root, path)).href) as Promise<Record<string, unknown>>;

/* eslint-disable @typescript-eslint/no-explicit-any -- the build measured may be another checkout's */
const { configureLogging } = (await load('runtime/logger.js')) as any;
const { loadConfig } = (await load('runtime/config/load.js')) as any;
const { composeKiosk } = (await load('app/compose.js')) as any;
const { startKiosk, stopKiosk } = (await load('app/lifecycle.js')) as any;
const { previewNames } = (await load('flows/routes.js')) as any;
configureLogging({ level: 'error' });

const dir = mkdtempSync(join(tmpdir(), 'bench-lean-input-'));
const config = await loadConfig(writeKioskConfig(dir, { width, height, logLevel: 'error' }));
const kiosk = composeKiosk(config);
await startKiosk(kiosk);
const { ui, bus, routes } = kiosk;

type FrameEvent = { dirtyArea: number; redraw?: string; stages?: PressStages };
let frames: FrameEvent[] = [];
bus.on('bench', 'ui.frame', (e: FrameEvent) => void frames.push(e));
let pauses: number[] = [];
const gc = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push(e.duration);
});
gc.observe({ entryTypes: ['gc'] });

const screens: ScreenLatency[] = [];
try {
  for (const name of previewNames(routes) as string[]) {
    ui.home();
    const screen = name === 'home' ? undefined : routes[name].preview?.(ui);
    if (screen) ui.go(screen);
    await ui.settle();
    if (ui.visibleTargets.length < 2) continue;
    const out: ScreenLatency = { name, times: [], cpu: [], redraws: [], stages: [], gc: [], area: [] };
    for (let i = 0; i < presses + 5; i++) {
      frames = [];
      pauses = [];
      const c = process.cpuUsage();
      const t = performance.now();
      bus.emit('input.button', { id: 'down', action: 'press', at: kiosk.clock.now() });
      await ui.settle();
      const ms = performance.now() - t;
      const used = process.cpuUsage(c);
      // GC entries are delivered after the fact: give the observer its turn before reading them.
      await new Promise((r) => setImmediate(r));
      if (i < 5) continue;
      out.times.push(ms);
      out.cpu.push((used.user + used.system) / 1000);
      out.gc.push(pauses);
      out.area.push(frames.reduce((a, f) => a + f.dirtyArea, 0));
      if (frames.some((f) => f.redraw)) out.redraws.push(frames.map((f) => f.redraw).join('+'));
      if (frames.some((f) => f.stages)) {
        const sum: PressStages = { draw: 0, read: 0, diff: 0, present: 0 };
        for (const f of frames)
          for (const k of Object.keys(sum) as (keyof PressStages)[]) sum[k] += f.stages?.[k] ?? 0;
        out.stages.push(sum);
      }
    }
    screens.push(out);
  }
} finally {
  gc.disconnect();
  await stopKiosk(kiosk);
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ screens })}\n`);
