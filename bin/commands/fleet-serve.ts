import { hostname } from 'node:os';
import type { Command } from 'commander';
import type { IPublishPacket } from 'mqtt';
import { LastTicketsResponder } from '../../app/fleet-registry/last-tickets-responder.js';
import { RegistryHttp } from '../../app/fleet-registry/registry-http.js';
import { RegistryIngest } from '../../app/fleet-registry/registry-ingest.js';
import { RegistryEvents } from '../../app/fleet-registry/registry-events.js';
import { RolloutEngine } from '../../app/fleet-registry/rollout-engine.js';
import { isPostgresUrl, openRegistryStore, describeDb } from '../../app/fleet-registry/open-store.js';
import type { RegistryStore } from '../../domain/fleet-registry/registry-store.js';
import { errorMessage } from '../../runtime/errors.js';
import { checkSegment, fleetTopics } from '../../domain/fleet/topics.js';
import { configureLogging, createLogger } from '../../runtime/logger.js';
import { action, addBrokerOptions, loadSigningKey, UsageError, type BrokerOptions } from './fleet-options.js';

interface ServeOptions extends BrokerOptions {
  db: string;
  listen: string;
  share: string;
  key?: string;
}

async function openStore(db: string): Promise<RegistryStore> {
  try {
    return await openRegistryStore(db);
  } catch (err) {
    throw new Error(
      `${errorMessage(err)}${isPostgresUrl(db) ? ' (is the PostgreSQL server running, and does the database exist? createdb NAME)' : ''}`,
      { cause: err },
    );
  }
}

function parseListen(value: string): { host: string; port: number } {
  const m = /^(.*):(\d{1,5})$/.exec(value);
  const port = Number(m?.[2]);
  if (!m || port > 65_535) throw new UsageError(`--listen: HOST:PORT, got ${JSON.stringify(value)}`);
  return { host: (m[1] as string).replace(/^\[|\]$/g, '') || '127.0.0.1', port };
}

function readPassword(): Promise<string> {
  const env = process.env.KIOSK_FLEET_USER_PASSWORD;
  if (env) return Promise.resolve(env);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    process.stdin.on('data', (d: Buffer) => parts.push(d));
    process.stdin.on('end', () =>
      resolve(
        Buffer.concat(parts)
          .toString('utf8')
          .replace(/\r?\n$/, ''),
      ),
    );
    process.stdin.on('error', reject);
  });
}

/** `kiosk fleet serve` (the fleet registry) and `kiosk fleet user add` (its accounts). */
export function registerFleetServeCommand(fleet: Command): void {
  addBrokerOptions(
    fleet
      .command('serve')
      .description(
        "fleet registry: every kiosk's last status and health and their records in a database, with an HTTP API",
      ),
  )
    .requiredOption('--db <file>', 'registry database: a SQLite file, or postgres://USER@HOST:PORT/DB')
    .option('--listen <host:port>', 'HTTP API address (only this machine by default)', '127.0.0.1:8090')
    .option(
      '--share <group>',
      'shared subscription group: registry instances in one group split the load',
      'registry',
    )
    .option(
      '--key <file>',
      "a private key the kiosks trust (in their fleet.fleetPublicKey): signs the answers to a recovering kiosk's last-tickets request (kiosk db recover); without it they are not answered",
    )
    .action(
      action(async (o: ServeOptions) => {
        const listen = parseListen(o.listen);
        const key = o.key ? loadSigningKey(o.key) : undefined;
        const share = checkSegment('--share', o.share);
        const topics = fleetTopics(o.prefix);
        configureLogging({ level: 'warn', destination: process.stderr });
        const store = await openStore(o.db);
        if ((await store.userCount()) === 0)
          process.stderr.write(
            `no fleet-manager account yet: add one with kiosk fleet user add NAME --db ${describeDb(o.db)}\n`,
          );
        const password = o.password ?? process.env.KIOSK_FLEET_PASSWORD;
        const ingest: RegistryIngest = new RegistryIngest({
          broker: {
            url: o.broker,
            clientId: o.clientId ?? `kiosk-registry-${hostname()}-${share}`,
            ...(o.ca ? { ca: o.ca } : {}),
            ...(o.cert ? { cert: o.cert } : {}),
            ...(o.tlsKey ? { key: o.tlsKey } : {}),
            ...(o.username ? { username: o.username } : {}),
            ...(password ? { password } : {}),
          },
          topics,
          shareGroup: share,
          store,
          log: createLogger('registry'),
          // events is set before ingest.start(), the first call
          onStored: (devices) => events.notify(devices),
          ...(key
            ? {
                answerLastTickets: (topic: string, payload: Buffer, packet: IPublishPacket): Promise<void> =>
                  lastTickets?.answer(topic, payload, packet) ?? Promise.resolve(),
              }
            : {}),
        });
        // Recovering kiosks ask which numbers they delivered (signed answers, their replies topic only).
        const lastTickets: LastTicketsResponder | undefined = key
          ? new LastTicketsResponder({
              store,
              topics,
              key,
              publish: (topic, payload, correlation): Promise<void> =>
                ingest.publishReply(topic, payload, correlation),
              log: createLogger('registry'),
            })
          : undefined;
        if (!key)
          process.stderr.write(
            "no --key: kiosks' last-tickets requests (kiosk db recover) are not answered\n",
          );
        const rollouts = new RolloutEngine({
          store,
          topics,
          publish: (topic, payload) => ingest.publishRetained(topic, payload),
          log: createLogger('rollouts'),
        });
        const events = new RegistryEvents({ store, rollouts, stats: () => ingest.stats });
        const http = new RegistryHttp({ store, stats: () => ingest.stats, rollouts, events, ...listen });
        await ingest.start();
        rollouts.start();
        events.start();
        const url = await http.start();
        process.stdout.write(
          `${JSON.stringify({ event: 'listening', url, db: describeDb(o.db), backend: store.kind, share })}\n`,
        );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        events.stop();
        await http.stop();
        await rollouts.stop();
        await ingest.stop();
        await store.close();
      }),
    );

  fleet
    .command('user')
    .description('fleet-manager accounts of the registry')
    .command('add')
    .argument('<name>', 'user name')
    .requiredOption('--db <file>', 'registry database: a SQLite file, or postgres://USER@HOST:PORT/DB')
    .description(
      'add a user or set a password (from KIOSK_FLEET_USER_PASSWORD or standard input; stored as scrypt hash)',
    )
    .action(
      action(async (name: string, o: { db: string }) => {
        const store = await openStore(o.db);
        try {
          await store.addUser(name, await readPassword());
        } catch (err) {
          throw new UsageError((err as Error).message, { cause: err });
        } finally {
          await store.close();
        }
        process.stdout.write(`user ${name} can log in to the registry\n`);
      }),
    );
}
