import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFleetKeys, parsePrivateKey } from '../../domain/fleet/signing.js';
import type { ReleaseState } from '../../domain/release/release-layout.js';
import { bundleApp, fakeApp } from '../helpers/release-app.js';
import { releaseBody } from '../helpers/release-bodies.js';
import { KIOSK_BIN, tempDir } from '../helpers/sim-process.js';
import { UnitSupervisor } from '../helpers/unit-supervisor.js';

const exec = promisify(execFile);
const DEPLOY = resolve('deploy');
const keys = generateFleetKeys();
const key = parsePrivateKey(keys.privatePem);

interface Kiosk {
  root: string;
  app: string;
  data: string;
  pub: string;
  supervisor: UnitSupervisor;
}

let running: UnitSupervisor | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** install.sh lays out 1.0.0 in a throwaway root; the supervisor runs the unit; a citizen record is in kiosk.db. */
async function kioskWith100(): Promise<Kiosk> {
  const root = tempDir('kiosk-root-');
  const src = fakeApp({ version: '1.0.0', body: releaseBody('good') });
  cpSync(DEPLOY, join(src, 'deploy'), { recursive: true });
  await exec('sh', [join(DEPLOY, 'install.sh'), '--root', root, '--src', src]);
  const data = join(root, 'var/lib/smart-kiosk');
  mkdirSync(data, { recursive: true });
  const db = new Database(join(data, 'kiosk.db'));
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE schema_migrations (module TEXT, version INTEGER, PRIMARY KEY (module, version));
    INSERT INTO schema_migrations VALUES ('tickets', 1), ('tickets', 2), ('tickets', 3);
    CREATE TABLE tickets (number TEXT); INSERT INTO tickets VALUES ('A-012')`);
  db.close();
  const pub = join(root, 'fleet-public.pem');
  writeFileSync(pub, keys.publicPem);
  const supervisor = new UnitSupervisor({
    unitFile: join(DEPLOY, 'smart-kiosk.service'),
    root,
    env: { KIOSK_TEST_DATA: data },
    watchdogMs: 1500,
    restartMs: 100,
    startTimeoutMs: 10_000,
  });
  running = supervisor;
  await supervisor.start();
  await until('1.0.0 running', () => (supervisor.output.includes('running 1.0.0') ? true : undefined));
  return { root, app: join(root, 'opt/smart-kiosk'), data, pub, supervisor };
}

async function offer(k: Kiosk, mode: Parameters<typeof releaseBody>[0], version = '2.0.0'): Promise<void> {
  const app = fakeApp({ version, body: releaseBody(mode), migrations: { tickets: 4 } });
  const file = await bundleApp(app, { version, key, migrations: { tickets: 4 } });
  const out = await exec(process.execPath, [
    KIOSK_BIN,
    'release',
    'install',
    file,
    '--key',
    k.pub,
    '--dir',
    k.app,
    '--data-dir',
    k.data,
    '--switch',
    '--json',
  ]);
  expect(JSON.parse(out.stdout)).toMatchObject({
    ok: true,
    version,
    switched: true,
    migrations: ['tickets 3→4'],
  });
  // what the updater does after switching at idle: end the process, systemd starts `current`
  await k.supervisor.restartMain();
}

const state = (k: Kiosk) =>
  JSON.parse(readFileSync(join(k.app, 'release-state.json'), 'utf8')) as ReleaseState;
const tickets = (k: Kiosk) => {
  const db = new Database(join(k.data, 'kiosk.db'), { readonly: true });
  try {
    return {
      rows: db.prepare('SELECT number FROM tickets').all(),
      schema: (
        db.prepare("SELECT MAX(version) AS v FROM schema_migrations WHERE module = 'tickets'").get() as {
          v: number;
        }
      ).v,
    };
  } finally {
    db.close();
  }
};

async function rolledBack(k: Kiosk): Promise<ReleaseState> {
  const s = await until('the rollback', () => {
    const s = state(k);
    return s.last?.outcome === 'rolled-back' ? s : undefined;
  });
  await until('1.0.0 running again', () =>
    k.supervisor.starts.at(-1)?.release === '1.0.0' &&
    k.supervisor.output.filter((l) => l === 'running 1.0.0').length >= 2
      ? true
      : undefined,
  );
  expect(readlinkSync(join(k.app, 'current'))).toBe('releases/1.0.0');
  expect(readlinkSync(join(k.app, 'previous'))).toBe('releases/1.0.0');
  expect(s).toMatchObject({ phase: 'committed', committed: '1.0.0', blocked: ['2.0.0'] });
  expect(tickets(k)).toEqual({ rows: [{ number: 'A-012' }], schema: 3 });
  return s;
}

describe('Release: A/B switch, health check and rollback under a supervisor playing systemd', () => {
  it('a good release starts from current, passes its health check and is committed', async () => {
    const k = await kioskWith100();
    await offer(k, 'good');
    const s = await until('the commit', () => {
      const s = state(k);
      return s.last?.outcome === 'committed' ? s : undefined;
    });
    expect(s).toMatchObject({
      phase: 'committed',
      committed: '2.0.0',
      last: { version: '2.0.0', from: '1.0.0', reported: false },
    });
    expect(readlinkSync(join(k.app, 'current'))).toBe('releases/2.0.0');
    expect(readlinkSync(join(k.app, 'previous'))).toBe('releases/1.0.0');
    expect(k.supervisor.starts.map((x) => x.release)).toEqual(['1.0.0', '2.0.0']);
  });

  it('a release that crashes on start rolls back after three starts (crash loop)', async () => {
    const k = await kioskWith100();
    await offer(k, 'crash');
    const s = await rolledBack(k);
    expect(s.last?.reason).toMatch(
      /^crash loop: 3 starts without passing the health check \(last exit: exit-code exited=3\)$/,
    );
    expect(k.supervisor.starts.filter((x) => x.release === '2.0.0')).toHaveLength(3);
  });

  it('a release whose health check fails rolls back at once and its migration is undone', async () => {
    const k = await kioskWith100();
    await offer(k, 'unhealthy');
    const s = await rolledBack(k);
    expect(s.last?.reason).toBe('health check: broker: cannot reach mqtt://127.0.0.1:1 (ECONNREFUSED)');
    expect(k.supervisor.starts.filter((x) => x.release === '2.0.0')).toHaveLength(1);
  });

  it('a release that stops pinging the watchdog is killed and rolled back', async () => {
    const k = await kioskWith100();
    await offer(k, 'hang');
    const s = await rolledBack(k);
    expect(s.last?.reason).toMatch(/^watchdog: 2\.0\.0 stopped pinging the systemd watchdog/);
    expect(k.supervisor.starts.find((x) => x.release === '2.0.0')?.result).toBe('watchdog');
  });
});
