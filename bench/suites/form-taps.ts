import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { Sim, type SimState } from '../form-walk.js';

/**
 * A tap on the form's keyboard while the A4 renderer warms vs once it is warm (#15): touch on
 * "a" → the answer of POST /api/touch (the simulator answers once the frame is drawn), with
 * 0.15-1.15 s between taps (typing and reading; the old warm-up ran its steps after 0.8 s without
 * input). Each process is fresh (one warm-up each): taps until the kiosk logs "A4 renderer
 * warmed" count as during, then 10 more as warm. The first taps of a fresh process are slower
 * anyway (cold code), so a control runs this build without an A4 printer (no warm-up) and counts
 * its taps as early while within the median warm-up time of this build. KIOSK_BENCH_BASELINE names
 * another build's dist/bin/kiosk.js (e.g. main's), run alternately with this one in the same run.
 */
const PROCESSES = Math.max(1, Number(process.env.KIOSK_BENCH_TAP_PROCESSES ?? 3));

interface Tap {
  /** Since the form opened, ms. */
  at: number;
  ms: number;
  /** Before the warm-up was logged done (undefined: no warm-up in this process). */
  during?: boolean;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tapRound(kiosk: string, printer: boolean): Promise<{ taps: Tap[]; warmedAt?: number }> {
  const sim = await Sim.start({ documentPrinter: { driver: printer ? 'mock' : 'none' } }, kiosk);
  const taps: Tap[] = [];
  let warmedAt: number | undefined;
  try {
    const opened = performance.now();
    const openedWall = Date.now();
    const st: SimState = await sim.api('/api/form/start', { form: 'khai-sinh' });
    const key = st.targets.find((t) => t.id === 'key:a');
    if (!key) throw new Error(`form-taps: no key:a on ${st.screen}`);
    const point = { x: key.rect.x + key.rect.width / 2, y: key.rect.y + key.rect.height / 2 };
    // When the kiosk logged the warm-up done, ms after the form opened (its log line's time).
    const warmedLog = (): number | undefined => {
      const line = sim.logs.find((l) => String(l.msg ?? '').startsWith('A4 renderer warmed'));
      return line ? Date.parse(String(line.time)) - openedWall : undefined;
    };
    const warmed = () => warmedLog() !== undefined;
    let after = 0;
    for (let i = 0; i < 60 && after < 10; i++) {
      await pause(150 + Math.random() * 1000);
      const before = printer ? warmed() : undefined;
      const t0 = performance.now();
      await sim.api('/api/touch', point);
      const ms = performance.now() - t0;
      // During: begun before the warm-up was done (a tap it held is answered after the log line).
      const done = warmedLog();
      const during = !before && (done === undefined || t0 - opened < done);
      taps.push({ at: t0 - opened, ms, ...(printer ? { during } : {}) });
      warmedAt ??= warmedLog();
      if (!printer ? i >= 12 : before) after++;
    }
  } finally {
    await sim.stop();
  }
  return warmedAt === undefined ? { taps } : { taps, warmedAt };
}

const suite: BenchSuite = {
  name: 'form-taps',
  async run(): Promise<BenchResult[]> {
    const builds: { name: string; kiosk: string; printer: boolean }[] = [
      { name: 'this build', kiosk: resolve('dist/bin/kiosk.js'), printer: true },
      { name: 'control (no A4 printer, no warm-up)', kiosk: resolve('dist/bin/kiosk.js'), printer: false },
    ];
    const baseline = process.env.KIOSK_BENCH_BASELINE;
    if (baseline && existsSync(baseline)) builds.push({ name: 'baseline', kiosk: baseline, printer: true });
    const taps = new Map(builds.map((b) => [b.name, [] as Tap[]]));
    const warmedAt: number[] = [];
    for (let i = 0; i < PROCESSES; i++)
      for (const b of i % 2 ? [...builds].reverse() : builds) {
        const r = await tapRound(b.kiosk, b.printer);
        taps.get(b.name)?.push(...r.taps);
        if (b.name === 'this build' && r.warmedAt !== undefined) warmedAt.push(r.warmedAt);
      }
    const window = percentile(warmedAt, 50);
    const results: BenchResult[] = [];
    const row = (name: string, value: number, note: string, unit = 'ms'): BenchResult => ({
      suite: 'form-taps',
      name,
      value,
      unit,
      better: 'lower',
      note,
    });
    for (const b of builds) {
      const all = taps.get(b.name) ?? [];
      const early = all.filter((t) => (b.printer ? t.during : t.at < window)).map((t) => t.ms);
      const late = all.filter((t) => (b.printer ? !t.during : t.at >= window)).map((t) => t.ms);
      const what = b.printer ? 'during the A4 warm-up' : `in the first ${(window / 1000).toFixed(1)} s`;
      results.push(
        row(
          `${b.name}: tap ${what} p95`,
          percentile(early, 95),
          `${early.length} taps, ${PROCESSES} fresh processes; p50 ${percentile(early, 50).toFixed(0)}, max ${Math.max(...early).toFixed(0)} ms; target ≤ 30 ms`,
        ),
        row(
          `${b.name}: tap ${b.printer ? 'once warm' : 'later'} p95`,
          percentile(late, 95),
          `${late.length} taps; p50 ${percentile(late, 50).toFixed(1)} ms`,
        ),
      );
    }
    results.push(
      row(
        'this build: warm-up done after the form opened p50',
        window,
        `load average ${loadavg()[0]?.toFixed(1)} at the end`,
      ),
    );
    return results;
  },
};
export default suite;
