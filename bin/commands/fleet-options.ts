import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Command } from 'commander';
import type { MqttClient } from 'mqtt';
import { connectFleet } from '../../domain/fleet/fleet-client.js';
import { parsePrivateKey } from '../../domain/fleet/signing.js';
import { fleetTopics, type FleetTopics } from '../../domain/fleet/topics.js';
import type { KeyObject } from 'node:crypto';

/** Options every `kiosk fleet` command takes. */
export interface BrokerOptions {
  broker: string;
  prefix: string;
  ca?: string;
  cert?: string;
  tlsKey?: string;
  username?: string;
  password?: string;
  clientId?: string;
  json?: boolean;
}

export function addBrokerOptions(cmd: Command): Command {
  return cmd
    .option(
      '--broker <url>',
      'MQTT 5 broker (mqtt:// or mqtts://)',
      process.env.KIOSK_FLEET_BROKER ?? 'mqtt://127.0.0.1:1883',
    )
    .option('--prefix <topic>', 'topic prefix', 'kiosk/v1')
    .option('--ca <file>', 'CA certificate (PEM) that signed the broker certificate')
    .option('--cert <file>', 'client certificate (PEM) for mutual TLS')
    .option('--tls-key <file>', 'private key (PEM) of --cert')
    .option('--username <name>', 'broker user name')
    .option('--password <secret>', 'broker password (or KIOSK_FLEET_PASSWORD)')
    .option('--client-id <id>', 'MQTT client id (default: kiosk-fleet-<host>-<random>)')
    .option('--json', 'machine-readable output (JSON)');
}

/** Bad usage: message on stderr, exit code 2. */
export class UsageError extends Error {}

export async function openFleet(o: BrokerOptions): Promise<{ client: MqttClient; topics: FleetTopics }> {
  const topics = fleetTopics(o.prefix);
  const password = o.password ?? process.env.KIOSK_FLEET_PASSWORD;
  const client = await connectFleet({
    url: o.broker,
    clientId: o.clientId ?? `kiosk-fleet-${hostname()}-${Math.random().toString(16).slice(2, 8)}`,
    ca: o.ca,
    cert: o.cert,
    key: o.tlsKey,
    ...(o.username ? { username: o.username } : {}),
    ...(password ? { password } : {}),
    connectTimeoutMs: 10_000,
  }).catch((err: Error) => {
    if (err instanceof TypeError)
      throw new UsageError(
        `--${err.message.replace(/^key:/, 'tls-key:').replace(/^cert\/key:/, 'cert/--tls-key:')}`,
        {
          cause: err,
        },
      );
    throw new Error(`cannot connect to ${o.broker}: ${err.message}`, { cause: err });
  });
  return { client, topics };
}

export function loadSigningKey(file: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--key: cannot read ${file} (${(err as Error).message})`, { cause: err });
  }
  try {
    return parsePrivateKey(pem, '--key');
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err });
  }
}

/** Runs a command action: usage errors exit 2, others 1, and the MQTT client is always closed. */
export function action<A extends unknown[]>(
  run: (...args: A) => Promise<number | void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      const code = await run(...args);
      if (typeof code === 'number') process.exitCode = code;
    } catch (err) {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = err instanceof UsageError || err instanceof TypeError ? 2 : 1;
    }
  };
}

export function closeClient(client: MqttClient): Promise<void> {
  return new Promise((resolve) => client.end(false, {}, () => resolve()));
}

/** A one-line progress bar for stderr. */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`;
}
