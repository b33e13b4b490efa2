import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Command } from 'commander';
import type { MqttClient } from 'mqtt';
import { buildRollout, DEFAULT_CHUNK_SIZE, manifestSchema } from '../../domain/fleet/catalog-manifest.js';
import { retainedSnapshot } from '../../domain/fleet/retained-snapshot.js';
import {
  snapshotDevices,
  publishAsync,
  publishRollout,
  subscribeAsync,
} from '../../domain/fleet/fleet-client.js';
import { catalogOutcome } from '../../domain/fleet/catalog-outcome.js';
import { checkSegment, type FleetTopics } from '../../domain/fleet/topics.js';
import {
  action,
  addBrokerOptions,
  closeClient,
  loadSigningKey,
  openFleet,
  progressBar,
  UsageError,
  type BrokerOptions,
} from './fleet-options.js';

interface PublishOptions extends BrokerOptions {
  catalog: string;
  key: string;
  channel: string;
  base?: string;
  chunkSize: string;
  wait: string;
}

export function readCatalog(field: string, file: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UsageError(`${field}: cannot read ${file} (${(err as Error).message})`, { cause: err });
  }
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

/** The manifest currently retained on the channel (to clear its chunks after the new one is out). */
export async function currentManifest(
  client: MqttClient,
  topics: FleetTopics,
  channel: string,
): Promise<{ version: string; chunks: number } | null> {
  let found: { version: string; chunks: number } | null = null;
  await retainedSnapshot(client, topics, topics.catalogManifest(channel), (_topic, payload, retained) => {
    if (!retained || payload.length === 0) return;
    try {
      const m = manifestSchema.parse(JSON.parse(payload.toString('utf8')));
      found = { version: m.version, chunks: m.content.chunks.length };
    } catch {
      found = null;
    }
  });
  return found;
}

/** How long the event stream may stay quiet with kiosks still pending before their statuses are read. */
const QUIET_MS = 2_000;
const CATALOG_EVENTS = ['catalog-applied', 'catalog-refused', 'catalog-rolled-back'] as const;

/**
 * Collects catalog-applied / catalog-refused / catalog-rolled-back events from the start (before
 * publishing) at QoS 0, and reads the kiosks' retained statuses for those still pending whenever
 * the events go quiet and once more at the deadline. The events are the fast path; the statuses
 * make the count exact: a broker drops what does not fit a slow subscriber's per-client queue (on
 * a loaded machine the CLI reads slower than hundreds of kiosks answer), and a kiosk re-publishes
 * its status, with `catalogVersion` and `catalog.last`, with each of these events.
 */
async function watchRollout(client: MqttClient, topics: FleetTopics, version: string) {
  const applied = new Set<string>();
  const refused = new Map<string, string>();
  let lastEventAt = Date.now();
  let changed: () => void = () => undefined;
  const onMessage = (topic: string, payload: Buffer): void => {
    const at = topics.parseDevice(topic);
    const kind = at?.rest.startsWith('events/') ? at.rest.slice('events/'.length) : undefined;
    if (!at || !kind) return;
    try {
      const e = JSON.parse(payload.toString('utf8')) as {
        data?: { version?: string; from?: string; reason?: string; code?: string };
      };
      const device = at.device;
      if (kind === 'catalog-applied' && e.data?.version === version) applied.add(device);
      else if (kind === 'catalog-refused' && e.data?.version === version)
        refused.set(device, `${e.data.code}: ${e.data.reason}`);
      else if (kind === 'catalog-rolled-back' && e.data?.from === version)
        refused.set(device, `rolled-back: ${e.data.reason}`);
      else return;
      lastEventAt = Date.now();
      changed();
    } catch {
      /* not an event */
    }
  };
  client.on('message', onMessage);
  await subscribeAsync(
    client,
    CATALOG_EVENTS.map((type) => topics.filters.allEventsOf(type)),
    { qos: 0 },
  );
  // what each status said before the publish: a refusal of an earlier publish of the same
  // version is not an answer to this one
  const lastBefore = new Map<string, string>();
  for (const d of (await snapshotDevices(client, topics)).devices)
    lastBefore.set(d.device, JSON.stringify((d.catalog as { last?: unknown } | undefined)?.last ?? null));
  /** Reads the retained statuses; returns the online kiosks on `channel`, whose answers it takes. */
  const readStatuses = async (channel: string, deadline: number): Promise<string[]> => {
    const { devices } = await snapshotDevices(client, topics, {
      timeoutMs: Math.max(1000, Math.min(30_000, deadline - Date.now())),
    });
    const online = devices.filter((d) => d.state === 'online' && d.channel === channel);
    for (const d of online) {
      if (applied.has(d.device) || refused.has(d.device)) continue;
      const outcome = catalogOutcome(d, version);
      if (outcome && 'applied' in outcome) applied.add(d.device);
      else if (outcome && JSON.stringify((d.catalog as { last?: unknown }).last) !== lastBefore.get(d.device))
        refused.set(d.device, outcome.refused);
    }
    return online.map((d) => d.device);
  };
  return {
    /** Waits until every online kiosk on `channel` answered, or until `deadline` (epoch ms). */
    async wait(channel: string, deadline: number, json: boolean) {
      const expected = await readStatuses(channel, deadline);
      const answered = () => expected.every((d) => applied.has(d) || refused.has(d));
      const progress = () => {
        if (!json)
          process.stderr.write(
            `\r${applied.size} applied, ${refused.size} refused, of ${expected.length} online on ${channel}   `,
          );
      };
      progress();
      while (!answered() && Date.now() < deadline) {
        // until every kiosk answered, the deadline, or QUIET_MS without an event
        await new Promise<void>((resolve) => {
          const check = () => {
            const quietFor = Date.now() - lastEventAt;
            if (answered() || Date.now() >= deadline || quietFor >= QUIET_MS) resolve();
            else timer = setTimeout(check, Math.min(QUIET_MS - quietFor, deadline - Date.now()));
          };
          let timer = setTimeout(check, 0);
          changed = () => {
            progress();
            if (answered()) {
              clearTimeout(timer);
              resolve();
            }
          };
        });
        if (answered() || Date.now() >= deadline) break;
        await readStatuses(channel, deadline);
        progress();
        lastEventAt = Date.now();
      }
      // at the deadline, the statuses have the last word for those still pending
      if (!answered()) await readStatuses(channel, Date.now() + 10_000);
      changed = () => undefined;
      client.removeListener('message', onMessage);
      progress();
      if (!json) process.stderr.write('\n');
      return {
        expected,
        applied: [...applied],
        refused: Object.fromEntries(refused),
        pending: expected.filter((d) => !applied.has(d) && !refused.has(d)),
      };
    },
  };
}

export function registerFleetCatalogCommand(fleet: Command): void {
  const catalog = fleet.command('catalog').description('signed catalog rollouts');
  addBrokerOptions(
    catalog
      .command('publish')
      .description('sign and publish a catalog to a channel, then report which kiosks applied it'),
  )
    .requiredOption('--catalog <file>', 'catalog file (.json or .json.gz, from kiosk catalog import)')
    .requiredOption('--key <file>', 'fleet private key (from kiosk keys gen)')
    .requiredOption('--channel <name>', 'channel, e.g. stable, pilot, a province')
    .option('--base <file>', 'publish a delta against this catalog (the version kiosks have now)')
    .option('--chunk-size <bytes>', 'chunk size', String(DEFAULT_CHUNK_SIZE))
    .option('--wait <seconds>', 'wait this long for kiosks to report (0 = do not wait)', '120')
    .action(
      action(async (o: PublishOptions) => {
        const channel = checkSegment('--channel', o.channel);
        const key = loadSigningKey(o.key);
        const chunkSize = Number(o.chunkSize);
        if (!Number.isInteger(chunkSize) || chunkSize < 1024 || chunkSize > 4 * 1048576)
          throw new UsageError(`--chunk-size: must be 1024-4194304 bytes, got ${o.chunkSize}`);
        let rollout;
        try {
          rollout = buildRollout({
            catalog: readCatalog('--catalog', o.catalog),
            channel,
            key,
            chunkSize,
            ...(o.base ? { base: readCatalog('--base', o.base) } : {}),
          });
        } catch (err) {
          throw new UsageError((err as Error).message, { cause: err });
        }
        const m = rollout.manifest;
        const { client, topics } = await openFleet(o);
        try {
          const previous = await currentManifest(client, topics, channel);
          const watch = Number(o.wait) > 0 ? await watchRollout(client, topics, m.version) : null;
          if (!o.json)
            process.stderr.write(
              `publishing ${m.version} (${m.procedures} procedures, ${m.content.kind}, ${m.content.size} bytes in ${rollout.chunks.length} chunks) to ${channel}\n`,
            );
          // the wait counts from the publish, not from when the expected list is known
          const deadline = Date.now() + Number(o.wait) * 1000;
          await publishRollout(client, topics, rollout, {
            onChunk: o.json
              ? undefined
              : (done, total) => process.stderr.write(`\r${progressBar(done, total)} chunks`),
          });
          if (!o.json) process.stderr.write('\n');
          if (previous && previous.version !== m.version)
            for (let i = 0; i < previous.chunks; i++)
              await publishAsync(client, topics.catalogChunk(channel, previous.version, i), Buffer.alloc(0), {
                qos: 1,
                retain: true,
              });
          const report = watch ? await watch.wait(channel, deadline, Boolean(o.json)) : null;
          const summary = {
            channel,
            version: m.version,
            sha256: m.sha256,
            kind: m.content.kind,
            chunks: rollout.chunks.length,
            bytes: m.content.size,
            keyId: m.keyId,
            devices: report,
          };
          if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
          else if (report)
            process.stdout.write(
              `${m.version} on ${channel}: ${report.applied.length} of ${report.expected.length} online kiosks applied it` +
                `${
                  Object.keys(report.refused).length
                    ? `; refused: ${Object.entries(report.refused)
                        .map(([d, r]) => `${d} (${r})`)
                        .join(', ')}`
                    : ''
                }` +
                `${report.pending.length ? `; no answer yet: ${report.pending.join(', ')}` : ''}\n`,
            );
          else process.stdout.write(`${m.version} published to ${channel}\n`);
          return report && (report.pending.length > 0 || Object.keys(report.refused).length > 0) ? 1 : 0;
        } finally {
          await closeClient(client);
        }
      }),
    );
}
