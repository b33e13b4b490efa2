import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL database of the test's own: created on the server KIOSK_TEST_POSTGRES names
 * (default postgres://postgres@127.0.0.1:5432/postgres, the machine's own) and dropped at
 * dispose; when no server answers there, a private cluster from Debian's postgresql package
 * (initdb, pg_ctl under /usr/lib/postgresql/N/bin) is started on a free port in a temporary
 * directory. `unavailable` says why neither worked (the tests then skip and print it).
 */
export interface PostgresDb {
  url: string;
  dispose(): Promise<void>;
}

const ADMIN = process.env.KIOSK_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function pgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
}

/** Starts a private cluster (as user postgres when running as root: initdb refuses root). */
async function privateCluster(): Promise<{ admin: string; stop(): void } | string> {
  const bin = pgBin();
  if (!bin) return 'no PostgreSQL server at 127.0.0.1:5432 and no initdb (apt-get install postgresql)';
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const asPg = (cmd: string, args: string[]) =>
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const run = (cmd: string, args: string[]) => {
    const [c, a] = asPg(cmd, args) as [string, string[]];
    const r = spawnSync(c, a, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  try {
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    run(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return (err as Error).message;
  }
  return {
    admin: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      const [c, a] = asPg(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']) as [string, string[]];
      spawnSync(c, a);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function postgresDatabase(): Promise<PostgresDb | { unavailable: string }> {
  let admin = ADMIN;
  let stop = () => undefined as void;
  if (!(await reachable(admin))) {
    const cluster = await privateCluster();
    if (typeof cluster === 'string') return { unavailable: cluster };
    admin = cluster.admin;
    stop = cluster.stop;
  }
  const name = `kiosk_test_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async dispose() {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await d.end();
      stop();
    },
  };
}
