import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { appRoot } from '../../domain/fleet/app-version.js';
import { parsePublicKeys } from '../../domain/fleet/signing.js';
import { collectAppTree } from '../../domain/release/app-tree.js';
import { ReleaseError, verifyBundle, writeBundle } from '../../domain/release/release-bundle.js';
import { runGuard } from '../../domain/release/release-guard.js';
import { installBundle } from '../../domain/release/release-installer.js';
import { ReleaseLayout } from '../../domain/release/release-layout.js';
import {
  backupDatabase,
  DB_FILE,
  pendingMigrations,
  schemaOf,
  switchRelease,
} from '../../domain/release/release-switch.js';
import {
  hostArch,
  RELEASE_ARCHES,
  RELEASE_VERSION,
  summarizeRelease,
  type ReleaseArch,
} from '../../domain/release/release-manifest.js';
import { CONFIG_VERSION, MIN_CONFIG_VERSION } from '../../runtime/config/migrate.js';
import { action, loadSigningKey, UsageError } from './fleet-options.js';

const run = promisify(execFile);

const DEFAULT_RELEASE_DIR = '/opt/smart-kiosk';
const DEFAULT_DATA_DIR = '/var/lib/smart-kiosk';

/** What a built app says about itself (`kiosk release describe`): schema and config versions. */
interface Description {
  migrations: Record<string, number>;
  minConfigVersion: number;
  configVersion: number;
}

async function describeThis(sqliteBinding?: string): Promise<Description> {
  // loaded here: the guard, run around every start, must not pay for every store's module
  const { kioskSchemaVersions } = await import('../../app/kiosk-schema.js');
  return {
    migrations: kioskSchemaVersions(sqliteBinding),
    minConfigVersion: MIN_CONFIG_VERSION,
    configVersion: CONFIG_VERSION,
  };
}

/**
 * Asks the app in `dir` (its own code, which may differ from this one's) to describe itself. An
 * app for another arch cannot load its own SQLite addon here, so it is given this build's.
 */
async function describeApp(dir: string, arch: ReleaseArch): Promise<Description> {
  if (resolve(dir) === resolve(appRoot())) return await describeThis();
  const binding =
    arch === hostArch()
      ? []
      : [
          '--sqlite-binding',
          createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node'),
        ];
  try {
    const { stdout } = await run(
      process.execPath,
      [resolve(dir, 'dist/bin/kiosk.js'), 'release', 'describe', ...binding],
      {
        timeout: 60_000,
      },
    );
    return JSON.parse(stdout) as Description;
  } catch (err) {
    throw new UsageError(
      `--app: cannot ask ${dir} for its database migrations ("kiosk release describe" failed: ${(err as Error).message.split('\n')[0]})`,
      { cause: err },
    );
  }
}

/** The fleet public keys in a PEM file (`-`: read from stdin, as the kiosk's own updater passes them). */
export function loadPublicKeys(file: string) {
  try {
    return parsePublicKeys(readFileSync(file === '-' ? 0 : file, 'utf8'), '--key');
  } catch (err) {
    throw new UsageError(`--key: cannot use ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Exits (code 3) once `pid` stops being this process's parent: it died, the work is moot (its
 * restarted kiosk installs again). Checked now, every 500 ms, and by the returned function, which
 * the install calls just before it renames the release into place.
 */
function quitWithParent(pid: number): () => void {
  const check = () => {
    if (process.ppid === pid) return;
    process.stderr.write(`the kiosk process ${pid} that started this install is gone; stopping\n`);
    process.exit(3);
  };
  check();
  setInterval(check, 500).unref();
  return check;
}

export function registerReleaseCommands(program: Command): void {
  const release = program
    .command('release')
    .description('signed app release bundles (build, verify, install on a kiosk)');

  release
    .command('build')
    .description('bundle the built app for one architecture, signed with the fleet key')
    .requiredOption('--key <file>', 'fleet private key (from kiosk keys gen)')
    .requiredOption('--out <file>', 'bundle file to write (e.g. smart-kiosk-1.4.0-arm64.skr)')
    .option('--arch <arch>', `target architecture: ${RELEASE_ARCHES.join(', ')} (default: this machine's)`)
    .option('--app <dir>', 'built app to bundle (default: this one)')
    .option('--json', 'print the manifest summary as JSON')
    .action(
      action(async (o: { key: string; out: string; arch?: string; app?: string; json?: boolean }) => {
        const arch = (o.arch ?? hostArch()) as ReleaseArch | undefined;
        if (!arch || !RELEASE_ARCHES.includes(arch))
          throw new UsageError(
            `--arch: must be one of ${RELEASE_ARCHES.join(', ')}, got ${o.arch ?? process.arch}`,
          );
        const key = loadSigningKey(o.key);
        const app = resolve(o.app ?? appRoot());
        const tree = await collectAppTree(app, arch);
        if (!RELEASE_VERSION.test(tree.version))
          throw new UsageError(
            `${app}/package.json: version ${tree.version} is not a release version like 1.4.0`,
          );
        const described = await describeApp(app, arch);
        const abi = Number(process.versions.modules);
        const started = Date.now();
        const manifest = await writeBundle({
          out: resolve(o.out),
          key,
          inputs: tree.inputs,
          links: tree.links,
          manifest: {
            format: 'smart-kiosk-release',
            version: tree.version,
            arch,
            node: { abi: { min: abi, max: abi }, builtWith: process.versions.node },
            minConfigVersion: described.minConfigVersion,
            migrations: described.migrations,
            createdAt: new Date().toISOString(),
          },
        });
        const size = statSync(resolve(o.out)).size;
        const summary = {
          file: resolve(o.out),
          version: manifest.version,
          arch,
          files: manifest.files.length,
          unpackedBytes: manifest.files.reduce((n, f) => n + f.size, 0),
          bytes: size,
          keyId: manifest.keyId,
          nodeAbi: abi,
          migrations: manifest.migrations,
          seconds: Math.round((Date.now() - started) / 100) / 10,
        };
        if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else
          process.stdout.write(
            `${summary.file}: smart-kiosk ${summary.version} for ${arch}, ${summary.files} files (${(summary.unpackedBytes / 1048576).toFixed(1)} MB unpacked), ${(size / 1048576).toFixed(1)} MB, signed by ${manifest.keyId}\n`,
          );
      }),
    );

  release
    .command('verify <file>')
    .description(
      'check a bundle offline: signature, architecture, Node ABI, every byte (exit 0 valid, 1 refused)',
    )
    .requiredOption('--key <file>', 'fleet public key(s) (PEM)')
    .option('--arch <arch>', 'the kiosk\'s architecture (default: this machine\'s; "any" skips the check)')
    .option('--json', 'machine-readable output')
    .action(
      action(async (file: string, o: { key: string; arch?: string; json?: boolean }) => {
        const keys = loadPublicKeys(o.key);
        const arch = o.arch === 'any' ? undefined : ((o.arch ?? hostArch()) as ReleaseArch | undefined);
        if (arch && !RELEASE_ARCHES.includes(arch))
          throw new UsageError(`--arch: must be one of ${RELEASE_ARCHES.join(', ')} or any, got ${o.arch}`);
        try {
          const { manifest: m } = await verifyBundle(resolve(file), {
            keys,
            arch,
            ...(o.arch === 'any' ? {} : { abi: Number(process.versions.modules) }),
          });
          if (o.json)
            process.stdout.write(
              `${JSON.stringify({ ok: true, version: m.version, arch: m.arch, keyId: m.keyId, files: m.files.length, node: m.node, minConfigVersion: m.minConfigVersion, migrations: m.migrations })}\n`,
            );
          else
            process.stdout.write(
              `valid: smart-kiosk ${m.version} for ${m.arch} (Node ABI ${m.node.abi.min}-${m.node.abi.max}), ${m.files.length} files, signed by ${m.keyId}\n`,
            );
          return 0;
        } catch (err) {
          if (!(err instanceof ReleaseError)) throw err;
          if (o.json)
            process.stdout.write(`${JSON.stringify({ ok: false, code: err.code, reason: err.message })}\n`);
          else process.stderr.write(`refused (${err.code}): ${err.message}\n`);
          return 1;
        }
      }),
    );

  release
    .command('describe')
    .description('print what this build brings (database migrations, config versions) as JSON')
    .option(
      '--sqlite-binding <file>',
      "better-sqlite3's addon to use (when this build is for another arch than the machine running it)",
    )
    .action(async (o: { sqliteBinding?: string }) => {
      process.stdout.write(`${JSON.stringify(await describeThis(o.sqliteBinding))}\n`);
    });

  release
    .command('install <file>')
    .description(
      'install a bundle on this kiosk as releases/<version> (verified first); --switch makes it current',
    )
    .requiredOption('--key <file>', 'fleet public key(s) (PEM), e.g. /etc/smart-kiosk/fleet-public.pem')
    .option('--dir <dir>', 'the install folder (holds releases/, current, previous)', DEFAULT_RELEASE_DIR)
    .option(
      '--data-dir <dir>',
      'data directory (its kiosk.db is backed up before migrations)',
      DEFAULT_DATA_DIR,
    )
    .option(
      '--switch',
      'switch to it now (then restart: sudo systemctl restart smart-kiosk); it must pass its health check',
    )
    .option('--json', 'machine-readable output')
    .option(
      '--parent-pid <pid>',
      "stop (the unpack is cleared later) when that process is no longer this one's parent: the kiosk runs its updates this way",
    )
    .action(
      action(
        async (
          file: string,
          o: {
            key: string;
            dir: string;
            dataDir: string;
            switch?: boolean;
            json?: boolean;
            parentPid?: string;
          },
        ) => {
          const beforeAdopt = o.parentPid === undefined ? undefined : quitWithParent(Number(o.parentPid));
          const keys = loadPublicKeys(o.key);
          const layout = new ReleaseLayout(resolve(o.dir));
          try {
            const m = await installBundle(
              layout,
              resolve(file),
              {
                keys,
                arch: hostArch(),
                abi: Number(process.versions.modules),
                configVersion: CONFIG_VERSION,
              },
              { beforeAdopt },
            );
            let backup: string | null = null;
            let pending: string[] = [];
            if (o.switch) {
              const dbFile = join(resolve(o.dataDir), DB_FILE);
              if (existsSync(dbFile)) {
                const { openDatabase } = await import('../../runtime/storage/database.js');
                const db = openDatabase(dbFile);
                try {
                  pending = pendingMigrations(m, schemaOf(db));
                  if (pending.length > 0) backup = await backupDatabase(db, resolve(o.dataDir), m.version);
                } finally {
                  db.close();
                }
              }
              await switchRelease(layout, m.version, backup);
            }
            const out = {
              ok: true,
              version: m.version,
              release: summarizeRelease(m),
              switched: Boolean(o.switch),
              migrations: pending,
              backup,
            };
            if (o.json) process.stdout.write(`${JSON.stringify(out)}\n`);
            else
              process.stdout.write(
                `installed ${m.version} in ${layout.releaseDir(m.version)}${o.switch ? `; current now points at it${backup ? ` (database backed up to ${backup} for ${pending.join(', ')})` : ''}. Restart to start it: sudo systemctl restart smart-kiosk` : '; switch with --switch or let the fleet updater do it at idle'}\n`,
              );
            return 0;
          } catch (err) {
            if (!(err instanceof ReleaseError)) throw err;
            if (o.json)
              process.stdout.write(`${JSON.stringify({ ok: false, code: err.code, reason: err.message })}\n`);
            else process.stderr.write(`refused (${err.code}): ${err.message}\n`);
            return 1;
          }
        },
      ),
    );

  release
    .command('status')
    .description('the releases on this kiosk, current/previous, and where an update stands')
    .option('--dir <dir>', 'the install folder (holds releases/, current, previous)', DEFAULT_RELEASE_DIR)
    .option('--json', 'machine-readable output')
    .action(
      action(async (o: { dir: string; json?: boolean }) => {
        const layout = new ReleaseLayout(resolve(o.dir));
        const out = {
          current: await layout.pointsAt('current'),
          previous: await layout.pointsAt('previous'),
          releases: await layout.releases(),
          state: await layout.state(),
        };
        if (o.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        else {
          const s = out.state;
          process.stdout.write(
            [
              `current   ${out.current ?? '(none)'}`,
              `previous  ${out.previous ?? '(none)'}`,
              `installed ${out.releases.join(', ') || '(none)'}`,
              `phase     ${s.phase}${s.trial ? ` (${s.trial.version} from ${s.trial.from}, ${s.trial.starts} start(s)${s.trial.reason ? `: ${s.trial.reason}` : ''})` : ''}`,
              ...(s.last
                ? [
                    `last      ${s.last.version} ${s.last.outcome}${s.last.reason ? `: ${s.last.reason}` : ''} at ${s.last.at}`,
                  ]
                : []),
              ...(s.blocked.length ? [`blocked   ${s.blocked.join(', ')}`] : []),
              '',
            ].join('\n'),
          );
        }
      }),
    );

  release
    .command('guard')
    .description('the update guard the systemd unit runs around each start (counts trial starts, rolls back)')
    .option('--before-start', 'ExecStartPre: count a start of a release on trial')
    .option('--after-stop', 'ExecStopPost: read SERVICE_RESULT and roll back a failed trial')
    .option('--dir <dir>', 'the install folder (holds releases/, current, previous)', DEFAULT_RELEASE_DIR)
    .option('--data-dir <dir>', 'data directory (kiosk.db is restored there on rollback)', DEFAULT_DATA_DIR)
    .action(
      action(async (o: { beforeStart?: boolean; afterStop?: boolean; dir: string; dataDir: string }) => {
        if (Boolean(o.beforeStart) === Boolean(o.afterStop))
          throw new UsageError('guard: give exactly one of --before-start and --after-stop');
        const result = await runGuard({
          layout: new ReleaseLayout(resolve(o.dir)),
          dataDir: resolve(o.dataDir),
          when: o.beforeStart ? 'before-start' : 'after-stop',
          env: process.env,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        if (result.action !== 'none')
          process.stderr.write(`guard: ${result.action}${result.reason ? ` (${result.reason})` : ''}\n`);
      }),
    );
}
