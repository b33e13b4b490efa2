import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { buildRollout, DEFAULT_CHUNK_SIZE, withAudience } from '../../domain/fleet/catalog-manifest.js';
import { publishRollout } from '../../domain/fleet/fleet-client.js';
import type { Audience } from '../../domain/fleet/rollout-audience.js';
import { checkSegment } from '../../domain/fleet/topics.js';
import type { RegistryDevice } from '../../domain/fleet-registry/registry-store.js';
import { waveCuts, type RolloutPlan, type RolloutReport } from '../../domain/fleet-registry/rollout-plan.js';
import type { RegistryClient } from '../../app/fleet-registry/registry-client.js';
import { currentManifest, readCatalog } from './fleet-catalog.js';
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
import { addRegistryOptions, registryClient, type RegistryOptions } from './fleet-registry-options.js';

interface StartOptions extends BrokerOptions, RegistryOptions {
  catalog: string;
  key: string;
  channel: string;
  base?: string;
  waves: string;
  group?: string;
  device?: string[];
  abortOnFailures: string;
  advanceAt: string;
  minWaveMinutes: string;
  chunkSize: string;
  follow: boolean;
}

/** `1%,10%,100%` → [1, 10, 100]: increasing, ending at 100. */
export function parseWaves(text: string): number[] {
  const waves = text.split(',').map((w) => Number(w.trim().replace(/%$/, '')));
  if (
    waves.length === 0 ||
    waves.length > 20 ||
    waves.some(
      (w, i) => !Number.isFinite(w) || w <= 0 || w > 100 || (i > 0 && w <= (waves[i - 1] as number)),
    ) ||
    waves[waves.length - 1] !== 100
  )
    throw new UsageError(`--waves: increasing percentages ending at 100%, e.g. 1%,10%,50%,100%; got ${text}`);
  return waves;
}

function ratio(field: string, text: string, allowZero: boolean): number {
  const n = Number(text.trim().replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100 || (!allowZero && n === 0))
    throw new UsageError(`${field}: a percentage${allowZero ? '' : ' above 0'} up to 100%, got ${text}`);
  return n / 100;
}

function requireRegistry(o: RegistryOptions): RegistryClient {
  if (!o.registry)
    throw new UsageError(
      '--registry URL (or KIOSK_FLEET_REGISTRY): staged rollouts are driven by kiosk fleet serve',
    );
  return registryClient({ ...o, registry: o.registry });
}

export function reportLines(r: RolloutReport): string {
  const fails = Object.entries(r.failures)
    .map(([c, n]) => `${c} ×${n}`)
    .join(', ');
  return [
    `rollout ${r.id}: ${r.version} on ${r.channel}, wave ${r.wave} of ${r.waves} (${r.percent}%), ${r.state}${r.reason ? `: ${r.reason}` : ''}`,
    `${progressBar(r.applied, r.inWave)} applied; ${r.failed} failed${fails ? ` (${fails})` : ''}; ${r.pending} pending; ${r.offline} offline; ${r.target} kiosks in the target`,
  ].join('\n');
}

async function follow(client: RegistryClient, id: string, json: boolean): Promise<number> {
  let last = '';
  for (;;) {
    const r = await client.get<RolloutReport>(`/api/rollouts/${encodeURIComponent(id)}`);
    const text = reportLines(r);
    if (!json && text !== last) process.stderr.write(`${text}\n`);
    last = text;
    if (r.state === 'completed' || r.state === 'aborted') {
      if (json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return r.state === 'completed' && r.failed === 0 ? 0 : 1;
    }
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

export function registerFleetRolloutCommand(fleet: Command): void {
  const rollout = fleet
    .command('rollout')
    .description(
      'staged catalog rollouts in waves with health gating, driven by the registry (kiosk fleet serve)',
    );

  addRegistryOptions(
    addBrokerOptions(
      rollout
        .command('start')
        .description('sign a catalog for each wave, publish its chunks and hand the rollout to the registry'),
    ),
    true,
  )
    .requiredOption('--catalog <file>', 'catalog file (.json or .json.gz)')
    .requiredOption('--key <file>', 'fleet private key (from kiosk keys gen)')
    .requiredOption('--channel <name>', 'channel the kiosks follow')
    .option('--base <file>', 'publish a delta against this catalog (the version kiosks have now)')
    .option('--waves <list>', 'wave sizes, of the kiosks on the channel (and group)', '1%,10%,50%,100%')
    .option('--group <name>', 'only kiosks in this group (province or commune)')
    .option('--device <id...>', 'only these kiosks (one wave)')
    .option('--abort-on-failures <percent>', 'abort when more of a wave failed than this', '2%')
    .option('--advance-at <percent>', 'next wave when this share of the wave applied it', '95%')
    .option('--min-wave-minutes <m>', 'each wave lasts at least this long', '10')
    .option('--chunk-size <bytes>', 'chunk size', String(DEFAULT_CHUNK_SIZE))
    .option('--no-follow', 'return once the registry has the rollout')
    .action(
      action(async (o: StartOptions) => {
        const channel = checkSegment('--channel', o.channel);
        const group = o.group === undefined ? undefined : checkSegment('--group', o.group);
        const devices = o.device?.map((d) => checkSegment('--device', d));
        if (group && devices) throw new UsageError('choose --group or --device, not both');
        const percents = devices ? [100] : parseWaves(o.waves);
        const abortOnFailures = ratio('--abort-on-failures', o.abortOnFailures, true);
        const advanceAt = ratio('--advance-at', o.advanceAt, false);
        const minutes = Number(o.minWaveMinutes);
        if (!Number.isFinite(minutes) || minutes < 0)
          throw new UsageError(`--min-wave-minutes: a number of minutes, got ${o.minWaveMinutes}`);
        const key = loadSigningKey(o.key);
        const client = requireRegistry(o);
        const q = new URLSearchParams({ channel });
        if (group) q.set('group', group);
        const known = (
          await client.get<{ devices: RegistryDevice[] }>(`/api/devices?${q.toString()}`)
        ).devices
          .map((d) => d.device)
          .filter((d) => !devices || devices.includes(d));
        if (known.length === 0)
          throw new UsageError(
            `no kiosk on channel ${channel}${group ? ` in group ${group}` : ''}${devices ? ' among --device' : ''} in the registry: nothing to roll out`,
          );
        const id = `r${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
        const cuts = waveCuts(id, known, percents);
        const target = { ...(group ? { groups: [group] } : {}), ...(devices ? { devices } : {}) };
        const audience = (wave: number, below: number): Audience => ({ rollout: id, wave, below, ...target });
        let built;
        try {
          built = buildRollout({
            catalog: readCatalog('--catalog', o.catalog),
            channel,
            key,
            chunkSize: Number(o.chunkSize),
            ...(o.base ? { base: readCatalog('--base', o.base) } : {}),
            audience: audience(0, (cuts[0] as (typeof cuts)[number]).below),
          });
        } catch (err) {
          throw new UsageError((err as Error).message, { cause: err });
        }
        const m = built.manifest;
        const plan: RolloutPlan = {
          id,
          channel,
          target,
          waves: cuts.map((c, i) => ({
            percent: c.percent,
            expected: c.expected,
            manifest: i === 0 ? m : withAudience(m, audience(i, c.below), key),
          })),
          abortManifest: withAudience(m, audience(cuts.length - 1, 0), key),
          abortOnFailures,
          advanceAt,
          minWaveMs: Math.round(minutes * 60_000),
        };
        const { client: mqtt, topics } = await openFleet(o);
        try {
          // the catalog the channel has now: the registry clears its chunks once this one completed
          const previous = await currentManifest(mqtt, topics, channel);
          if (previous && previous.version !== m.version) plan.supersedes = previous;
          if (!o.json)
            process.stderr.write(
              `rollout ${id}: ${m.version} (${m.procedures} procedures, ${m.content.kind}) to ${known.length} kiosks on ${channel} in waves ${cuts.map((c) => `${c.percent}% (${c.expected})`).join(', ')}\n`,
            );
          await publishRollout(mqtt, topics, built, {
            manifest: false,
            onChunk: o.json
              ? undefined
              : (done, total) => process.stderr.write(`\r${progressBar(done, total)} chunks`),
          });
          if (!o.json) process.stderr.write('\n');
        } finally {
          await closeClient(mqtt);
        }
        const created = await client.post<RolloutReport>('/api/rollouts', plan);
        if (!o.follow) {
          process.stdout.write(o.json ? `${JSON.stringify(created, null, 2)}\n` : `${id}\n`);
          return 0;
        }
        if (!o.json)
          process.stderr.write(
            `the registry drives it now (Ctrl-C leaves it running; kiosk fleet rollout status ${id})\n`,
          );
        return follow(client, id, Boolean(o.json));
      }),
    );

  addRegistryOptions(rollout.command('status').argument('[id]', 'rollout id (all when absent)'), true)
    .description('exact counts of a rollout (applied, failed by code, pending, offline)')
    .option('--follow', 'keep showing progress until it completes or aborts')
    .option('--json', 'machine-readable output')
    .action(
      action(async (id: string | undefined, o: RegistryOptions & { follow?: boolean; json?: boolean }) => {
        const client = requireRegistry(o);
        if (!id) {
          const { rollouts } = await client.get<{ rollouts: RolloutReport[] }>('/api/rollouts');
          if (o.json) process.stdout.write(`${JSON.stringify(rollouts, null, 2)}\n`);
          else
            process.stdout.write(
              rollouts.length
                ? `${rollouts.map(reportLines).join('\n\n')}\n`
                : 'no rollouts in the registry\n',
            );
          return 0;
        }
        if (o.follow) return follow(client, id, Boolean(o.json));
        const r = await client.get<RolloutReport>(`/api/rollouts/${encodeURIComponent(id)}`);
        process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `${reportLines(r)}\n`);
        return 0;
      }),
    );

  for (const [verb, what] of [
    ['pause', 'no next wave until resumed (kiosks of the current wave still apply it)'],
    ['resume', 'let a paused rollout go on'],
    ['abort', 'stop: the signed audience-of-nobody manifest replaces the wave, no other kiosk applies it'],
  ] as const)
    addRegistryOptions(rollout.command(verb).argument('<id>', 'rollout id'), true)
      .description(what)
      .action(
        action(async (id: string, o: RegistryOptions) => {
          const r = await requireRegistry(o).post<RolloutReport>(
            `/api/rollouts/${encodeURIComponent(id)}/${verb}`,
            {},
          );
          process.stdout.write(`${reportLines(r)}\n`);
          return 0;
        }),
      );
}
