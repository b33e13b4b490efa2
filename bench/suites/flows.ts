import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';

/** Counts `ui.frame` events from the simulator's SSE stream and notes when each arrived. */
class FrameWatcher {
  frames = 0;
  lastAt = 0;
  private req: ReturnType<typeof request> | undefined;

  constructor(private readonly url: string) {}

  open(): Promise<void> {
    return new Promise((ok, fail) => {
      this.req = request(`${this.url}/api/stream`, (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let i: number;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            if (block.startsWith('event: ui.frame')) {
              this.frames++;
              this.lastAt = performance.now();
            }
          }
        });
        ok();
      });
      this.req.on('error', fail);
      this.req.end();
    });
  }

  close(): void {
    this.req?.destroy();
  }
}

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

interface Step {
  name: string;
  /** Brings the kiosk to the screen where the measured input happens. */
  before: (send: Send) => Promise<void>;
  input: (send: Send) => Promise<unknown>;
  /** The measured input's result is asynchronous (e.g. a lookup): wait for this screen. */
  until?: string;
  /** Measured runs (default 15): more where a p95 is compared against another step's. */
  rounds?: number;
}

type Send = (path: string, body: unknown) => Promise<Record<string, unknown>>;

const home = async (send: Send): Promise<void> => {
  for (let i = 0; i < 6; i++) {
    const st = await send('/api/button', { id: 'back' });
    if (st.screen === 'home') return;
  }
};

const button = (id: string) => (send: Send) => send('/api/button', { id });
const buttons =
  (...ids: string[]) =>
  async (send: Send) => {
    await home(send);
    for (const id of ids) await send('/api/button', { id });
  };

/** Where the next measured touch goes (the target found by searchKeyAt or formAt). */
let touchPoint = { x: 0, y: 0 };
const touchAt = () => (send: Send) => send('/api/touch', touchPoint);
type Targets = { id: string; rect: { x: number; y: number; width: number; height: number } }[];
const find = (s: Record<string, unknown>, id: string) => (s.targets as Targets).find((t) => t.id === id);
const aimAt = (st: Record<string, unknown>, target: string): void => {
  const t = find(st, target);
  if (!t) throw new Error(`flows bench: no ${target} on ${String(st.screen)}`);
  touchPoint = { x: t.rect.x + t.rect.width / 2, y: t.rect.y + t.rect.height / 2 };
};
/**
 * Opens the search screen's keyboard and aims at `target`. Where the keys would be too small
 * beside the topics (the large theme) the screen shows the topics first and "7" opens the keys.
 */
const searchKeyAt =
  (target: string) =>
  async (send: Send): Promise<void> => {
    await home(send);
    let st = await send('/api/button', { id: '2' });
    if (!find(st, target)) st = await send('/api/button', { id: '7' });
    aimAt(st, target);
  };
/** Opens `form` (prefilled from a scanned card when `card`), goes `skip` fields on, aims at `target`. */
const formAt =
  (form: string, target: string, skip = 0, card = false) =>
  async (send: Send): Promise<void> => {
    await home(send);
    if (card) await send('/api/scan', { data: QR });
    let st = await send('/api/form/start', { form });
    if (st.screen === 'form-prefill') st = await send('/api/button', { id: '1' });
    for (let i = 0; i < skip; i++) {
      const done = find(st, 'key:done') ?? find(st, 'pad:done');
      if (!done) break;
      // An empty optional field moves on; a required one keeps the citizen there (then nothing is skipped).
      st = await send('/api/touch', { x: done.rect.x + 5, y: done.rect.y + 5 });
      if (st.details && (st.details as { dialog?: unknown }).dialog)
        st = await send('/api/button', { id: 'ok' });
    }
    aimAt(st, target);
  };

const QR =
  '079090012345|023456789|Nguyễn Văn An|15031990|Nam|123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh|20042021';

const STEPS: Step[] = [
  { name: 'home → search (button 2)', before: buttons(), input: button('2') },
  // The baseline of the form's key: the same keyboard widget on the search screen.
  { name: 'search: one key typed (touch)', before: searchKeyAt('key:a'), input: touchAt(), rounds: 40 },
  { name: 'search topic → procedure detail (search + render)', before: buttons('2'), input: button('1') },
  { name: 'procedure: scroll down', before: buttons('2', '1'), input: button('down') },
  { name: 'home → choose field (button 5)', before: buttons(), input: button('5') },
  { name: 'field → ticket (issue+print+render)', before: buttons('5'), input: button('2') },
  { name: 'home → dossier (button 3)', before: buttons(), input: button('3') },
  {
    name: 'slip scan → dossier status (offline)',
    before: buttons('3'),
    input: (s) => s('/api/scan', { data: '000.00.12.H26-251125-0001' }),
    until: 'dossier-status',
  },
  { name: 'home → rating (button 4)', before: buttons(), input: button('4') },
  { name: 'rating: level → thanks (durable write)', before: buttons('4', '1'), input: button('1') },
  { name: 'CCCD scan → greeting', before: buttons(), input: (s) => s('/api/scan', { data: QR }) },
  // The form screen (#15): a key typed on the Telex keyboard, a digit on the keypad, and "Xong" on a
  // prefilled field (store, check the whole form, next field, render).
  {
    name: 'form: one key typed (touch)',
    before: formAt('khai-sinh', 'key:a'),
    input: touchAt(),
    rounds: 40,
  },
  {
    name: 'form: keypad delete (touch)',
    before: formAt('khai-sinh', 'pad:backspace', 1, true),
    input: touchAt(),
  },
  {
    name: 'form: Xong → next field (check + render)',
    before: formAt('khai-sinh', 'key:done', 0, true),
    input: touchAt(),
  },
];

/** Button/touch/scan → new frame on the display for each citizen-flow screen, through the simulator. */
const suite: BenchSuite = {
  name: 'flows',
  async run(): Promise<BenchResult[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-flows-'));
    const proc: ChildProcess = spawn(
      process.execPath,
      [resolve('dist/bin/kiosk.js'), 'sim', '--headless', '--port', '0', '--data-dir', dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const url = await new Promise<string>((ok, fail) => {
      proc.once('exit', (c) => fail(new Error(`sim exited ${c}`)));
      createInterface({ input: proc.stdout! }).on('line', (l) => {
        try {
          const e = JSON.parse(l) as { ns?: string; url?: string };
          if (e.ns === 'simulator' && e.url) ok(e.url);
        } catch {
          /* not JSON */
        }
      });
    });
    const watcher = new FrameWatcher(url);
    await watcher.open();
    const send: Send = (path, body) => post(url, path, body);
    const results: BenchResult[] = [];
    try {
      for (const step of STEPS) {
        const times: number[] = [];
        const rounds = step.rounds ?? 15;
        for (let i = 0; i < rounds + 2; i++) {
          await step.before(send);
          await new Promise((r) => setTimeout(r, 20));
          const frames = watcher.frames;
          const t0 = performance.now();
          await step.input(send);
          const deadline = t0 + 5000;
          for (;;) {
            const ready = watcher.frames > frames;
            const st = step.until
              ? ((await fetch(`${url}/api/state`).then((r) => r.json())) as { screen: string })
              : undefined;
            if (ready && (!step.until || st?.screen === step.until)) break;
            if (performance.now() > deadline) throw new Error(`${step.name}: no frame within 5 s`);
            await new Promise((r) => setTimeout(r, 1));
          }
          if (i >= 2) times.push(watcher.lastAt - t0);
        }
        results.push(
          {
            suite: 'flows',
            name: `${step.name} p50`,
            value: percentile(times, 50),
            unit: 'ms',
            better: 'lower',
            note: `input → ui.frame via SSE, ${times.length} runs`,
          },
          {
            suite: 'flows',
            name: `${step.name} p95`,
            value: percentile(times, 95),
            unit: 'ms',
            better: 'lower',
          },
        );
      }
      // The form's key against the search screen's (the same keyboard widget), in this run.
      const p95 = (name: string) => results.find((r) => r.name === `${name} p95`)?.value ?? NaN;
      results.push({
        suite: 'flows',
        name: 'form key p95 / search key p95',
        value: p95('form: one key typed (touch)') / p95('search: one key typed (touch)'),
        unit: '×',
        better: 'lower',
        note: 'the same keyboard widget on both screens; target form key p95 ≤ 30 ms',
      });
      const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      results.push({
        suite: 'flows',
        name: 'simulator RSS after all flows',
        value: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024,
        unit: 'MiB',
        better: 'lower',
        note: 'catalog loaded, every flow screen visited',
      });
    } finally {
      watcher.close();
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    return results;
  },
};
export default suite;
