import { resolve } from 'node:path';
import type { Command } from 'commander';
import { publishAsync, snapshotDevices, subscribeAsync } from '../../domain/fleet/fleet-client.js';
import { RELEASE_EVENTS, releaseOutcome } from '../../domain/fleet/release-outcome.js';
import { verifyDocument } from '../../domain/fleet/signing.js';
import { checkSegment } from '../../domain/fleet/topics.js';
import { readBundleHeader, ReleaseError } from '../../domain/release/release-bundle.js';
import { buildOffer, DEFAULT_RELEASE_CHUNK_SIZE, readChunk } from '../../domain/release/release-offer.js';
import { createPublicKey } from 'node:crypto';
import { keyIdOf } from '../../domain/fleet/signing.js';
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
  bundle: string;
  key: string;
  channel: string;
  group?: string;
  chunkSize: string;
  wait: string;
}

/** `kiosk fleet release publish`: offers a signed release bundle to a channel (and group). */
export function registerFleetReleaseCommand(fleet: Command): void {
  const release = fleet.command('release').description('signed app releases to kiosks');
  addBrokerOptions(
    release
      .command('publish')
      .description(
        'offer a release bundle (from kiosk release build) to a channel; kiosks install it and switch at idle',
      ),
  )
    .requiredOption('--bundle <file>', 'release bundle (kiosk release build --out)')
    .requiredOption('--key <file>', 'fleet private key: the one that signed the bundle')
    .requiredOption('--channel <name>', 'channel, e.g. stable, pilot, a province')
    .option('--group <name>', 'only kiosks in this group install it')
    .option('--chunk-size <bytes>', 'chunk size', String(DEFAULT_RELEASE_CHUNK_SIZE))
    .option(
      '--wait <seconds>',
      'wait this long for app-downloaded / app-updated / app-refused / app-rolled-back events (0 = do not wait)',
      '0',
    )
    .action(
      action(async (o: PublishOptions) => {
        const channel = checkSegment('--channel', o.channel);
        const group = o.group ? checkSegment('--group', o.group) : undefined;
        const key = loadSigningKey(o.key);
        const chunkSize = Number(o.chunkSize);
        if (!Number.isInteger(chunkSize) || chunkSize < 1024 || chunkSize > 4 * 1048576)
          throw new UsageError(`--chunk-size: must be 1024-4194304 bytes, got ${o.chunkSize}`);
        const file = resolve(o.bundle);
        let header;
        try {
          header = await readBundleHeader(file);
        } catch (err) {
          if (err instanceof ReleaseError) throw new UsageError(`--bundle: ${err.message}`, { cause: err });
          throw err;
        }
        // kiosks check the bundle's own signature too: refuse here a bundle another key signed
        const own = new Map([[keyIdOf(key), createPublicKey(key)]]);
        const verdict = verifyDocument(header.raw, own);
        if (!verdict.ok)
          throw new UsageError(`--bundle: not signed by --key (${verdict.message}); kiosks would refuse it`);
        const offer = await buildOffer({ file, channel, group, key, chunkSize });
        const { client, topics } = await openFleet(o);
        try {
          const events: Record<string, string> = {};
          const wait = Number(o.wait);
          if (wait > 0) {
            // QoS 0 and only the release events: a QoS 1 subscriber sees only what fits the
            // broker's per-client queue (and all events of a national fleet would not); the
            // retained statuses give the last word at the end
            client.on('message', (topic, payload) => {
              const at = topics.parseDevice(topic);
              const kind = at?.rest.startsWith('events/app-') ? at.rest.slice('events/'.length) : undefined;
              if (!at || !kind) return;
              try {
                const e = JSON.parse(payload.toString('utf8')) as {
                  data?: { version?: string; reason?: string };
                };
                if (e.data?.version === offer.version)
                  events[at.device] = `${kind}${e.data.reason ? `: ${e.data.reason}` : ''}`;
              } catch {
                /* not an event */
              }
            });
            await subscribeAsync(
              client,
              RELEASE_EVENTS.map((type) => topics.filters.allEventsOf(type)),
              { qos: 0 },
            );
          }
          if (!o.json)
            process.stderr.write(
              `offering ${offer.version} for ${offer.arch} (${(offer.bundle.size / 1048576).toFixed(1)} MB in ${offer.bundle.chunks.length} chunks) on ${channel}${group ? `, group ${group}` : ''}\n`,
            );
          for (let i = 0; i < offer.bundle.chunks.length; i++) {
            await publishAsync(
              client,
              topics.releaseChunk(channel, offer.arch, offer.version, i),
              await readChunk(file, offer, i),
              { qos: 1, retain: true },
            );
            if (!o.json) process.stderr.write(`\r${progressBar(i + 1, offer.bundle.chunks.length)} chunks`);
          }
          if (!o.json) process.stderr.write('\n');
          await publishAsync(client, topics.releaseOffer(channel, offer.arch), JSON.stringify(offer), {
            qos: 1,
            retain: true,
            properties: { contentType: 'application/json' },
          });
          if (wait > 0) {
            await new Promise((r) => setTimeout(r, wait * 1000));
            // the statuses are re-published with every release event: they count the kiosks
            // whose events the broker dropped, and say where each one is now
            const { devices } = await snapshotDevices(client, topics);
            for (const d of devices) {
              if (d.channel !== channel || (group && !(Array.isArray(d.groups) && d.groups.includes(group))))
                continue;
              const outcome = releaseOutcome(d, offer.version);
              if (outcome) events[d.device] = outcome;
            }
          }
          const summary = {
            channel,
            group: group ?? null,
            version: offer.version,
            arch: offer.arch,
            sha256: offer.bundle.sha256,
            bytes: offer.bundle.size,
            chunks: offer.bundle.chunks.length,
            keyId: offer.keyId,
            devices: events,
          };
          if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
          else {
            process.stdout.write(
              `${offer.version} (${offer.arch}) offered on ${channel}${group ? `/${group}` : ''}\n`,
            );
            for (const [device, what] of Object.entries(events))
              process.stdout.write(`  ${device}: ${what}\n`);
          }
        } finally {
          await closeClient(client);
        }
      }),
    );
}
