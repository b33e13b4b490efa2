import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { openRegistryStore } from '../../app/fleet-registry/open-store.js';
import { publishAsync, connectFleet } from '../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { broker, MOSQUITTO } from '../bench-broker.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';

/**
 * The fleet console with a nation's fleet in its registry: FLEET_CONSOLE_COUNT devices (default
 * 10,000, stored straight into the registry's SQLite file) while FLEET_CONSOLE_RATE statuses a
 * second come in over MQTT (default 170: 10,000 kiosks each reporting once a minute). Measured in
 * headless Chromium: first paint (page load with a session → the first page of devices shown) and
 * a filter (a key in the search box, a state, a problem, a province → its page shown), each
 * FLEET_CONSOLE_ROUNDS times (default 5). Baseline in the same run: the login page's load, the
 * same page and scripts with no devices asked for.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const KIOSK = resolve('dist/bin/kiosk.js');
const PASSWORD = 'bench-console-2026';
const PROVINCES = ['ha-noi', 'hue', 'da-nang', 'can-tho', 'lao-cai', 'ca-mau', 'nghe-an', 'gia-lai'];

function statusDoc(i: number, now: number): Record<string, unknown> {
  const device = `sim-${String(i + 1).padStart(5, '0')}`;
  const province = PROVINCES[i % PROVINCES.length] as string;
  return {
    state: i % 50 === 0 ? 'offline' : 'online',
    ts: new Date(now).toISOString(),
    device,
    name: `Quầy ${(i % 6) + 1} — xã ${Math.floor(i / 3) + 1}`,
    channel: 'stable',
    appVersion: '0.1.0',
    catalogVersion: '2026.12.01-1',
    groups: [province, `${province}.xa-${String(Math.floor(i / 3) % 400).padStart(4, '0')}`],
    peripherals: { printer: { online: true, paper: i % 37 === 0 ? 'out' : 'ok' } },
  };
}

async function seed(db: string, count: number): Promise<void> {
  const store = await openRegistryStore(db);
  await store.addUser('bench', PASSWORD);
  const now = Date.now();
  for (let at = 0; at < count; at += 1000) {
    const statuses = [];
    for (let i = at; i < Math.min(count, at + 1000); i++) {
      const doc = statusDoc(i, now);
      statuses.push({
        input: { device: doc.device as string, state: doc.state as 'online', ts: doc.ts as string, doc },
        receivedAt: now,
        live: true,
      });
    }
    await store.write({ statuses, envelopes: [] });
  }
  await store.close();
}

function serve(url: string, db: string): Promise<{ proc: ChildProcess; api: string }> {
  const proc = spawn(
    process.execPath,
    [KIOSK, 'fleet', 'serve', '--broker', url, '--db', db, '--listen', '127.0.0.1:0'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return new Promise((ok, fail) => {
    proc.once('exit', (code) => fail(new Error(`fleet serve exited with ${code}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const e = JSON.parse(line) as { event?: string; url?: string };
      if (e.event === 'listening') ok({ proc, api: String(e.url) });
    });
  });
}

/**
 * The mark the console sets on each answer it shows (runs in the page; this file is built
 * without the DOM types, and the console's CSP allows no string evaluation).
 */
function viewMark(): string | undefined {
  return (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } })
    .document.body.dataset.view;
}

/** ms from setting a filter to its page on screen (the page marks each answer it shows). */
async function timeFilter(page: Page, set: () => Promise<void>): Promise<number> {
  const before = await page.evaluate(viewMark);
  const t0 = Date.now();
  await set();
  await page.waitForFunction(
    (v) =>
      (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } })
        .document.body.dataset.view !== v,
    before,
    { polling: 'raf' },
  );
  return Date.now() - t0;
}

const suite: BenchSuite = {
  name: 'fleet-console',
  unavailable: () =>
    !MOSQUITTO
      ? 'mosquitto is not installed'
      : !existsSync(CHROMIUM)
        ? `no Chromium at ${CHROMIUM}`
        : undefined,
  async run() {
    const count = Number(process.env.FLEET_CONSOLE_COUNT ?? 10_000);
    const rate = Number(process.env.FLEET_CONSOLE_RATE ?? 170);
    const rounds = Number(process.env.FLEET_CONSOLE_ROUNDS ?? 5);
    const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-console-'));
    const mqtt = await broker();
    const db = join(dir, 'registry.sqlite');
    await seed(db, count);
    const { proc, api } = await serve(mqtt.url, db);
    const publisher = await connectFleet({ url: mqtt.url, clientId: 'bench-console-fleet' });
    const topics = fleetTopics('kiosk/v1');
    let next = 0;
    const live = setInterval(() => {
      for (let k = 0; k < rate / 10; k++, next = (next + 1) % count) {
        const doc = statusDoc(next, Date.now());
        void publishAsync(publisher, topics.status(doc.device as string), JSON.stringify(doc), { qos: 0 });
      }
    }, 100);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const note = `${count} devices in the registry (SQLite), ${rate} statuses/s coming in, ${rounds} rounds, headless Chromium`;
    try {
      const login = await fetch(`${api}/api/login`, {
        method: 'POST',
        body: JSON.stringify({ user: 'bench', password: PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      const host = new URL(api).hostname;
      const paints: number[] = [];
      const baselines: number[] = [];
      const filters: Record<string, number[]> = {
        search: [],
        state: [],
        problem: [],
        province: [],
        page: [],
      };
      for (let r = 0; r < rounds; r++) {
        // baseline: the same page, no session (the login form)
        const anon = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const p0 = await anon.newPage();
        let t = Date.now();
        await p0.goto(api);
        await p0.waitForSelector('#login:not([hidden])');
        baselines.push(Date.now() - t);
        await anon.close();

        const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        await ctx.addCookies([{ name: 'kiosk_registry', value: token, domain: host, path: '/' }]);
        const page = await ctx.newPage();
        t = Date.now();
        await page.goto(api);
        await page.waitForSelector('body[data-ready="1"] #devices tbody tr');
        paints.push(Date.now() - t);
        const shown = await page.locator('#count').textContent();
        if (shown !== `${count.toLocaleString('vi-VN')} kiosk`) throw new Error(`console shows ${shown}`);
        // one key at a time, as typed: 'x', 'xa', ... each answer shown before the next key
        const term = `xa-0${String(40 + r).padStart(3, '0')}`;
        for (let k = 1; k <= term.length; k++)
          filters.search!.push(await timeFilter(page, () => page.fill('#search', term.slice(0, k))));
        filters.search!.push(await timeFilter(page, () => page.fill('#search', '')));
        filters.state!.push(
          await timeFilter(page, async () => void (await page.selectOption('#state', 'offline'))),
        );
        filters.state!.push(await timeFilter(page, async () => void (await page.selectOption('#state', ''))));
        filters.problem!.push(
          await timeFilter(page, async () => void (await page.selectOption('#problem', 'paper'))),
        );
        filters.problem!.push(
          await timeFilter(page, async () => void (await page.selectOption('#problem', ''))),
        );
        const province = PROVINCES[r % PROVINCES.length] as string;
        filters.province!.push(
          await timeFilter(page, () => page.locator('#groups button', { hasText: province }).first().click()),
        );
        filters.province!.push(await timeFilter(page, () => page.click('#clear-group')));
        filters.page!.push(await timeFilter(page, () => page.click('#next')));
        await ctx.close();
      }
      const base = percentile(baselines, 50);
      const out: BenchResult[] = [
        {
          suite: 'fleet-console',
          name: 'login page load (baseline)',
          value: base,
          unit: 'ms',
          better: 'lower',
          note,
        },
        {
          suite: 'fleet-console',
          name: `first paint, ${count} devices p50`,
          value: percentile(paints, 50),
          unit: 'ms',
          better: 'lower',
          note: `${note}; budget 1,000 ms; ${(percentile(paints, 50) / base).toFixed(1)}× the baseline; max ${Math.max(...paints)} ms`,
        },
      ];
      for (const [what, times] of Object.entries(filters))
        out.push({
          suite: 'fleet-console',
          name: `filter (${what}) p50 / p95`,
          value: percentile(times, 50),
          unit: 'ms',
          better: 'lower',
          note: `p95 ${percentile(times, 95)} ms over ${times.length}; budget 200 ms; ${note}`,
        });
      return out;
    } finally {
      clearInterval(live);
      await browser.close();
      publisher.end(true);
      proc.kill('SIGKILL');
      await mqtt.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
