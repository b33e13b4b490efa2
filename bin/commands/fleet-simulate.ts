import type { Command } from 'commander';
import { FleetSimulator } from '../../app/fleet-sim/fleet-simulator.js';
import { fleetSection } from '../../runtime/config/sections/services.js';
import { formatIssues } from '../../runtime/config/load.js';
import { configureLogging, createLogger } from '../../runtime/logger.js';
import { readCatalog } from './fleet-catalog.js';
import { action, UsageError } from './fleet-options.js';

interface SimulateOptions {
  count: string;
  broker: string;
  prefix: string;
  idPrefix: string;
  perCommune: string;
  channel: string;
  fleetKey?: string;
  catalog?: string;
  dataDir?: string;
  persistent?: boolean;
  connectRate: string;
  problems: string;
  telemetryInterval: string;
  keepalive: string;
  recordsPerSecond: string;
  duration?: string;
  username?: string;
  password?: string;
  json?: boolean;
  logLevel: string;
}

function count(field: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${field}: must be a whole number ${min}-${max}, got ${JSON.stringify(value)}`);
  return n;
}

function fraction(field: string, value: string): number {
  const n = value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`${field}: must be 0-1 or 0%-100%, got ${JSON.stringify(value)}`);
  return n;
}

/** `kiosk fleet simulate`: N kiosks' fleet code in one process, for tests and benchmarks. */
export function registerFleetSimulateCommand(fleet: Command): void {
  fleet
    .command('simulate')
    .description("run N simulated kiosks (the kiosk's own fleet code, no UI) against a broker")
    .requiredOption('--count <n>', 'number of kiosks (1-20000; each holds one connection)')
    .option('--broker <url>', 'MQTT 5 broker', process.env.KIOSK_FLEET_BROKER ?? 'mqtt://127.0.0.1:1883')
    .option('--prefix <topic>', 'topic prefix', 'kiosk/v1')
    .option('--id-prefix <text>', 'device ids are PREFIX-00001, PREFIX-00002, ...', 'sim')
    .option('--per-commune <n>', 'kiosks per commune group', '3')
    .option('--channel <name>', 'catalog channel the kiosks follow', 'stable')
    .option('--fleet-key <file>', 'fleet public key (PEM) trusted for commands and catalogs')
    .option('--catalog <file>', 'catalog every kiosk starts with (so deltas against it apply)')
    .option('--data-dir <dir>', 'keep each kiosk directory here (default: a temporary directory)')
    .option('--persistent', 'SQLite files in the data directory instead of in-memory databases')
    .option('--connect-rate <n>', 'new connections per second while starting', '500')
    .option(
      '--problems <fraction>',
      'share of kiosks given a problem (paper out, printer offline, clock ahead)',
      '0',
    )
    .option('--telemetry-interval <seconds>', 'health sample period (each refreshes the status)', '60')
    .option('--keepalive <seconds>', 'MQTT keepalive', '60')
    .option('--records-per-second <n>', 'citizen records (ratings, tickets) the fleet sends per second', '0')
    .option('--duration <seconds>', 'stop after this long (default: until Ctrl-C)')
    .option('--username <name>', 'broker user name')
    .option('--password <secret>', 'broker password (or KIOSK_FLEET_PASSWORD)')
    .option('--log-level <level>', 'kiosk log lines on stderr: error, warn, info, debug', 'error')
    .option('--json', 'progress as JSON lines')
    .action(
      action(async (o: SimulateOptions) => {
        const n = count('--count', o.count, 1, 20_000);
        const rate = count('--records-per-second', o.recordsPerSecond, 0, 100_000);
        const password = o.password ?? process.env.KIOSK_FLEET_PASSWORD;
        const parsed = fleetSection.safeParse({
          enabled: true,
          broker: o.broker,
          prefix: o.prefix,
          channel: o.channel,
          keepaliveSeconds: count('--keepalive', o.keepalive, 5, 3600),
          telemetryIntervalSeconds: count('--telemetry-interval', o.telemetryInterval, 5, 86_400),
          ...(o.fleetKey ? { fleetPublicKey: o.fleetKey } : {}),
          ...(o.username ? { username: o.username } : {}),
          ...(password ? { password } : {}),
        });
        if (!parsed.success) throw new UsageError(formatIssues(parsed.error.issues).join('\n'));
        if (!['silent', 'error', 'warn', 'info', 'debug'].includes(o.logLevel))
          throw new UsageError(`--log-level: one of silent, error, warn, info, debug, got ${o.logLevel}`);
        configureLogging({ level: o.logLevel as 'error', destination: process.stderr });
        const sim = new FleetSimulator({
          count: n,
          idPrefix: o.idPrefix,
          perCommune: count('--per-commune', o.perCommune, 1, 100),
          fleet: parsed.data,
          ...(o.catalog ? { catalog: readCatalog('--catalog', o.catalog) } : {}),
          ...(o.dataDir ? { dataDir: o.dataDir } : {}),
          persistent: Boolean(o.persistent),
          connectPerSecond: count('--connect-rate', o.connectRate, 1, 100_000),
          problems: fraction('--problems', o.problems),
          clockSkewMs: 10 * 60_000,
          log: createLogger('fleet-sim'),
        });
        const began = Date.now();
        const say = (event: Record<string, unknown>, text: string) =>
          process.stdout.write(o.json ? `${JSON.stringify(event)}\n` : `${text}\n`);
        let announced = false;
        sim.onOnline((online) => {
          if (online === n && !announced) {
            announced = true;
            const seconds = (Date.now() - began) / 1000;
            say(
              { event: 'all-online', count: n, seconds },
              `all ${n} kiosks online in ${seconds.toFixed(1)} s`,
            );
          }
        });
        const progress = setInterval(() => {
          if (!o.json) process.stderr.write(`\r${sim.onlineCount}/${n} online   `);
        }, 1000);
        const stopped = new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
          if (o.duration) setTimeout(resolve, count('--duration', o.duration, 1, 30 * 86_400) * 1000);
        });
        let records: NodeJS.Timeout | undefined;
        let sent = 0;
        let undelivered = 0;
        try {
          await Promise.race([sim.start(), stopped]);
          say({ event: 'started', count: sim.kiosks.length }, `${sim.kiosks.length} kiosks started`);
          if (rate > 0)
            records = setInterval(() => {
              for (let i = 0; i < rate / 10; i++) {
                const kiosk = sim.kiosks[Math.floor(Math.random() * sim.kiosks.length)];
                if (!kiosk) continue;
                if (sent % 2 === 0) kiosk.rate(1 + (sent % 5), 1 + (sent % 4));
                else kiosk.issueTicket('tu-phap', `A-${String(sent % 1000).padStart(3, '0')}`);
                sent++;
              }
            }, 100);
          await stopped;
          clearInterval(records);
          // the kiosks hand over what their outboxes still hold before they stop
          if (sent > 0) undelivered = await sim.drainRecords();
        } finally {
          clearInterval(progress);
          clearInterval(records);
          await sim.stop();
        }
        say(
          { event: 'stopped', count: sim.kiosks.length, records: sent, undelivered },
          `\nstopped ${sim.kiosks.length} kiosks${sent ? ` (${sent} records made, ${undelivered} not acknowledged by the broker)` : ''}`,
        );
      }),
    );
}
