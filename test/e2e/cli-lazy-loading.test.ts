import { spawn } from 'node:child_process';
import { isBuiltin } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { startRegistry, type Registry } from '../helpers/registry.js';
import { KIOSK_BIN, runKiosk, tempDir } from '../helpers/sim-process.js';

/**
 * #16: a CLI command that does not draw loads only what it runs. Each command runs as the built
 * `kiosk` with a preload that writes down every package the process loaded (ES module URLs under
 * node_modules, CommonJS requires), whether zod ran (it sets globalThis.__zod_globalConfig;
 * zod is bundled into the kiosk's chunks, so its files are not seen) and whether Node compiled
 * its fetch (undici, in process.moduleLoadList). A package the build vendors (mqtt: one CommonJS
 * file of the bundle with its dependencies, rolldown.config.mjs) is written down as 'vendored NAME'.
 */
const PROBE = `
import Module from 'node:module';
import { register } from 'node:module';
import { appendFileSync } from 'node:fs';
const out = process.env.KIOSK_LOAD_PROBE;
const packageOf = (s) => {
  const vendored = new RegExp('/chunks/vendor-(.+)[.]cjs$').exec(s);
  if (vendored) return 'vendored ' + vendored[1];
  const i = s.lastIndexOf('/node_modules/');
  if (i < 0) return s.startsWith('.') || s.startsWith('/') || s.startsWith('node:') || s.startsWith('file:') ? undefined : s;
  const rest = s.slice(i + 14).split('/');
  return rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0];
};
const seen = new Set();
const note = (s) => { const p = packageOf(s); if (p && !seen.has(p)) { seen.add(p); appendFileSync(out, p + '\\n'); } };
register('data:text/javascript,' + encodeURIComponent(
  'import { appendFileSync } from "node:fs";' +
  'export async function load(url, ctx, next) { if (url.includes("/node_modules/")) appendFileSync(' +
  JSON.stringify(out) + ', "url " + url + "\\\\n"); return next(url, ctx); }'));
const load = Module._load;
Module._load = function (request, ...rest) { note(request); return load.call(this, request, ...rest); };
process.on('exit', () => {
  if (globalThis.__zod_globalConfig) appendFileSync(out, 'zod\\n');
  if (process.moduleLoadList.some((m) => m.endsWith('internal/deps/undici/undici'))) appendFileSync(out, 'fetch (undici)\\n');
});
`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Package names the process loaded ('zod' when zod ran). */
  loaded: Set<string>;
}

async function probed(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const dir = tempDir('kiosk-load-probe-');
  const probe = join(dir, 'probe.mjs');
  const record = join(dir, 'loaded.txt');
  writeFileSync(probe, PROBE);
  writeFileSync(record, '');
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', probe, KIOSK_BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, KIOSK_LOG_LEVEL: 'warn', KIOSK_LOAD_PROBE: record, ...env },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.once('error', reject);
    proc.once('close', (code) => {
      const loaded = new Set<string>();
      for (const line of readFileSync(record, 'utf8').split('\n').filter(Boolean)) {
        if (!line.startsWith('url ')) loaded.add(line);
        else {
          const path = line.slice(4);
          const rest = path.slice(path.lastIndexOf('/node_modules/') + 14).split('/');
          loaded.add(rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? ''));
        }
      }
      resolve({ code, stdout, stderr, loaded });
    });
  });
}

const PASSWORD = 'mật khẩu đủ dài 2026';

describe('CLI start (#16): each command loads only what it runs', () => {
  let broker: Mosquitto;
  let registry: Registry;
  const dir = tempDir('kiosk-lazy-cli-');
  const config = join(dir, 'kiosk.json');

  beforeAll(async () => {
    writeFileSync(
      config,
      JSON.stringify({ device: { id: 'hn-lazy-01' }, storage: { dataDir: join(dir, 'data') } }),
    );
    broker = await startMosquitto();
    const db = join(dir, 'registry.sqlite');
    const add = await runKiosk(['fleet', 'user', 'add', 'quan-ly', '--db', db], {
      env: { KIOSK_FLEET_USER_PASSWORD: PASSWORD },
    });
    expect(add.code, add.stderr).toBe(0);
    registry = await startRegistry(broker.url, db, 'registry-lazy-cli');
  });
  afterAll(async () => {
    registry?.proc.kill('SIGKILL');
    await registry?.exited;
    await broker?.dispose();
  });

  it('doctor --json: no MQTT client, canvas, logger or SQLite library for a kiosk without a database', async () => {
    const run = await probed(['doctor', '--json', '--config', config, '--skip', 'broker']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { checks: { id: string; status: string }[] };
    expect(report.checks.find((c) => c.id === 'fonts')?.status).toBe('ok');
    expect(report.checks.find((c) => c.id === 'config')?.status).toBe('ok');
    for (const pkg of ['mqtt', 'vendored mqtt', '@napi-rs/canvas', 'pino', 'better-sqlite3'])
      expect(run.loaded.has(pkg), `${pkg} loaded by doctor --json`).toBe(false);
    // it validates the config: zod ran (the probe sees a bundled library)
    expect(run.loaded.has('zod')).toBe(true);
  });

  it('fleet devices --registry: no MQTT client, no config schema, no fetch', async () => {
    const run = await probed(
      ['fleet', 'devices', '--registry', registry.url, '--registry-user', 'quan-ly', '--json'],
      { KIOSK_FLEET_REGISTRY_PASSWORD: PASSWORD },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.stderr).toMatch(/0 shown of 0 kiosks in the registry/);
    for (const pkg of [
      'mqtt',
      'vendored mqtt',
      'zod',
      'pino',
      '@napi-rs/canvas',
      'better-sqlite3',
      'fetch (undici)',
    ])
      expect(run.loaded.has(pkg), `${pkg} loaded by fleet devices --registry`).toBe(false);
    // the same command from the broker's snapshot does load the MQTT client: the build's one file
    // of it (its ~160 files in node_modules cost ~180 ms of CPU to load), nothing from node_modules
    // (ws inside it tries its optional native helpers, bufferutil, which are not installed)
    const snapshot = await probed(['fleet', 'devices', '--broker', broker.url, '--wait', '1', '--json']);
    expect(snapshot.code, snapshot.stderr).toBe(0);
    expect(snapshot.loaded.has('vendored mqtt')).toBe(true);
    expect(
      [...snapshot.loaded].filter(
        (p) => !p.startsWith('vendored ') && !isBuiltin(p) && existsSync(join('node_modules', p)),
      ),
    ).toEqual([]);
  });

  it('config check: the schema and nothing of the kiosk (no logger, canvas, MQTT or SQLite)', async () => {
    const run = await probed(['config', 'check', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.loaded.has('zod')).toBe(true);
    for (const pkg of ['mqtt', 'pino', '@napi-rs/canvas', 'better-sqlite3'])
      expect(run.loaded.has(pkg), `${pkg} loaded by config check`).toBe(false);
  });
});
