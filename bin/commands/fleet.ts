import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEVICE_PROBLEMS, type DeviceProblem } from '../../domain/fleet/device-problems.js';
import {
  snapshotDevices,
  sendCommand,
  signCommand,
  subscribeAsync,
  type DeviceStatus,
} from '../../domain/fleet/fleet-client.js';
import { COMMAND_NAMES, type CommandName } from '../../domain/fleet/command-names.js';
import type { CommandResponse, CommandTarget } from '../../domain/fleet/command-schema.js';
import { checkSegment, sharedFilter, type FleetTopics } from '../../domain/fleet/topics.js';
import { jsonArrayLines } from '../../domain/fleet/json-lines.js';
import { addRegistryOptions, registryClient, type RegistryOptions } from './fleet-registry-options.js';
import { requestedWords } from '../requested.js';
import { errorMessage } from '../../runtime/errors.js';
import {
  action,
  addBrokerOptions,
  closeClient,
  loadSigningKey,
  openFleet,
  UsageError,
  type BrokerOptions,
} from './fleet-options.js';

type Register = (fleet: Command) => void;

/**
 * Subcommands kept in their own files, each loaded only when it is the one asked for (all of them
 * for help or an unknown name), as bin/kiosk.ts does for commands: `fleet devices` does not load
 * the release, rollout, simulator and server modules.
 */
const SUBCOMMANDS: Record<string, () => Promise<Register>> = {
  catalog: async () => (await import('./fleet-catalog.js')).registerFleetCatalogCommand,
  release: async () => (await import('./fleet-release.js')).registerFleetReleaseCommand,
  simulate: async () => (await import('./fleet-simulate.js')).registerFleetSimulateCommand,
  serve: async () => (await import('./fleet-serve.js')).registerFleetServeCommand,
  user: async () => (await import('./fleet-serve.js')).registerFleetServeCommand,
  rollout: async () => (await import('./fleet-rollout.js')).registerFleetRolloutCommand,
};
/** The subcommands registered here (not in a file of their own). */
const OWN = new Set(['devices', 'watch', 'cmd']);

/** `kiosk fleet devices|watch|cmd|catalog publish`: the fleet manager's side over MQTT 5. */
export async function registerFleetCommand(program: Command): Promise<void> {
  const fleet = program
    .command('fleet')
    .description('manage kiosks over MQTT 5: devices, live telemetry, commands, catalog rollouts');

  addRegistryOptions(
    addBrokerOptions(
      fleet
        .command('devices')
        .description(
          'list kiosks from the registry (--registry) or else from a bounded snapshot of their retained status, with filters',
        ),
    ),
  )
    .option('--offline', 'only kiosks that are not online')
    .option('--group <name>', 'only kiosks in this group (province or commune)')
    .option('--version <v>', 'only kiosks running this app or catalog version')
    .option('--problem <kind>', `only kiosks with this problem: ${DEVICE_PROBLEMS.join(', ')}`)
    .option('--timeout <seconds>', 'hard limit for the snapshot', '10')
    .option('--wait <ms>', 'after the retained burst ended, wait this long for stragglers', '150')
    .action(
      action(
        async (
          o: BrokerOptions & RegistryOptions & DeviceFilterOptions & { timeout: string; wait: string },
        ) => {
          const filter = deviceFilter(o);
          if (o.registry) return devicesFromRegistry({ ...o, registry: o.registry });
          const timeoutMs = positive('--timeout', o.timeout) * 1000;
          const settleMs = positive('--wait', o.wait);
          const { client, topics } = await openFleet(o);
          try {
            const { devices, snapshot } = await snapshotDevices(client, topics, { timeoutMs, settleMs });
            const shown = devices.filter(filter);
            if (o.json) process.stdout.write(jsonArrayLines(shown.map((d) => JSON.stringify(d))));
            else process.stdout.write(devicesTable(shown));
            const online = devices.filter((d) => d.state === 'online').length;
            process.stderr.write(
              `${shown.length} shown of ${devices.length} kiosks seen (${online} online; ${snapshot.retained} retained and ${snapshot.live} live statuses in ${snapshot.ms} ms)\n`,
            );
            if (snapshot.dropped) {
              process.stderr.write(
                "the broker dropped part of the retained statuses (its queue for this client was full while this command read them): the list is incomplete; raise the broker's queue (Mosquitto max_queued_messages) above the number of kiosks, or try again on a less busy machine\n",
              );
              return 1;
            }
            if (!snapshot.complete) {
              process.stderr.write(
                `the broker was still sending retained statuses after ${o.timeout} s: the list may be incomplete (raise --timeout)\n`,
              );
              return 1;
            }
            return 0;
          } finally {
            await closeClient(client);
          }
        },
      ),
    );

  addBrokerOptions(
    fleet.command('watch').description('live telemetry, events and status changes (Ctrl-C to stop)'),
  )
    .option('--device <id>', 'only this kiosk')
    .option(
      '--share <group>',
      'shared subscription group ($share/GROUP/...): consumers in a group split the load',
    )
    .option('--count <n>', 'stop after n messages')
    .option('--duration <seconds>', 'stop after this many seconds')
    .action(
      action(
        async (o: BrokerOptions & { device?: string; share?: string; count?: string; duration?: string }) => {
          const device = o.device ? checkSegment('--device', o.device) : undefined;
          if (o.share) checkSegment('--share', o.share);
          const { client, topics } = await openFleet(o);
          const filters = topics.filters
            .deviceStreams(device)
            .map((t) => (o.share ? sharedFilter(o.share, t) : t));
          const limit = o.count ? Number(o.count) : Infinity;
          let seen = 0;
          await new Promise<void>((resolve, reject) => {
            const stop = () => resolve();
            process.once('SIGINT', stop);
            if (o.duration) setTimeout(stop, Number(o.duration) * 1000).unref();
            client.on('message', (topic, payload) => {
              const line = watchLine(topics, topic, payload, Boolean(o.json));
              process.stdout.write(`${line}\n`);
              if (++seen >= limit) stop();
            });
            subscribeAsync(client, filters).catch(reject);
          }).finally(() => closeClient(client));
        },
      ),
    );

  addRegistryOptions(
    addBrokerOptions(
      fleet
        .command('cmd')
        .description(
          `send a signed command and wait for the response(s); NAME is one of ${COMMAND_NAMES.join(', ')}`,
        )
        .argument('<name>', 'command name')
        .argument('[args...]', 'arguments as key=value (e.g. volume=40, text="Xin chào")'),
    ),
  )
    .requiredOption('--key <file>', 'fleet private key (from kiosk keys gen)')
    .option('--device <id>', 'one kiosk')
    .option('--group <name>', 'every kiosk in a group')
    .option('--all', 'every kiosk')
    .option('--ttl <seconds>', 'refused by kiosks after this long', '300')
    .option('--timeout <seconds>', 'how long to wait for responses', '10')
    .option('--expect <n>', 'stop waiting after n responses (group/all)')
    .option('--out <file>', 'screenshot: write the PNG here')
    .action(
      action(async (name: string, rawArgs: string[], o: BrokerOptions & RegistryOptions & CmdOptions) => {
        if (!(COMMAND_NAMES as readonly string[]).includes(name))
          throw new UsageError(`unknown command "${name}"; one of ${COMMAND_NAMES.join(', ')}`);
        const target = parseTarget(o);
        const key = loadSigningKey(o.key);
        const args = parseArgs(rawArgs);
        const cmd = signCommand({
          name: name as CommandName,
          args,
          target,
          key,
          ttlMs: Number(o.ttl) * 1000,
        });
        const { client, topics } = await openFleet(o);
        let responses: CommandResponse[];
        const rejected: string[] = [];
        try {
          const topic =
            'device' in target
              ? topics.deviceCommand(target.device, cmd.name)
              : 'group' in target
                ? topics.groupCommand(target.group, cmd.name)
                : topics.allCommand(cmd.name);
          const expect = 'device' in target ? 1 : o.expect ? Number(o.expect) : undefined;
          responses = await sendCommand(client, topics, topic, JSON.stringify(cmd), {
            timeoutMs: Number(o.timeout) * 1000,
            ...(expect !== undefined ? { expect } : {}),
            onResponse: o.json ? undefined : (r) => process.stdout.write(`${responseLine(r)}\n`),
            onRejected: (reason) => {
              rejected.push(reason);
              process.stderr.write(`rejected (not counted): ${reason}\n`);
            },
          });
        } finally {
          await closeClient(client);
        }
        if (o.out && name === 'screenshot') {
          const png = responses.find((r) => r.ok)?.result?.pngBase64;
          if (typeof png === 'string') writeFileSync(o.out, Buffer.from(png, 'base64'));
        }
        const unstored =
          name === 'screenshot' && o.registry
            ? await storeScreenshots({ ...o, registry: o.registry }, responses)
            : 0;
        if (o.json)
          process.stdout.write(`${JSON.stringify({ command: cmd.id, responses, rejected }, null, 2)}\n`);
        if (responses.length === 0) {
          process.stderr.write(
            `no response within ${o.timeout} s (is the kiosk online? see kiosk fleet devices)\n`,
          );
          return 1;
        }
        return responses.every((r) => r.ok) && unstored === 0 ? 0 : 1;
      }),
    );

  const asked = requestedWords()[1];
  const loaders =
    asked !== undefined && OWN.has(asked)
      ? []
      : asked !== undefined && asked in SUBCOMMANDS
        ? [SUBCOMMANDS[asked] as () => Promise<Register>]
        : [...new Set(Object.values(SUBCOMMANDS))];
  const registered = new Set<Register>();
  for (const load of loaders) {
    const register = await load();
    if (registered.has(register)) continue;
    registered.add(register);
    register(fleet);
  }
}

/**
 * `cmd screenshot --registry URL`: each kiosk's PNG is kept in the registry as its last
 * screenshot (the console's device detail shows it). Returns how many could not be stored.
 */
async function storeScreenshots(
  o: RegistryOptions & { registry: string },
  responses: readonly CommandResponse[],
): Promise<number> {
  const client = registryClient(o);
  let failed = 0;
  for (const r of responses) {
    const png = r.ok ? r.result?.pngBase64 : undefined;
    if (typeof png !== 'string') continue;
    try {
      await client.putBytes(
        `/api/devices/${encodeURIComponent(r.device)}/screenshot`,
        Buffer.from(png, 'base64'),
        'image/png',
      );
      process.stderr.write(`${r.device}: screenshot stored in the registry\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`${r.device}: screenshot not stored: ${errorMessage(err)}\n`);
    }
  }
  return failed;
}

interface CmdOptions {
  key: string;
  device?: string;
  group?: string;
  all?: boolean;
  ttl: string;
  timeout: string;
  expect?: string;
  out?: string;
}

function parseTarget(o: CmdOptions): CommandTarget {
  const given = [o.device, o.group, o.all].filter((x) => x !== undefined && x !== false).length;
  if (given !== 1) throw new UsageError('choose exactly one target: --device ID, --group NAME or --all');
  if (o.device) return { device: checkSegment('--device', o.device) };
  if (o.group) return { group: checkSegment('--group', o.group) };
  return { all: true };
}

/** key=value pairs; numbers and true/false are converted, everything else stays text (NFC). */
export function parseArgs(raw: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of raw) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`argument "${pair}": must be key=value`);
    const key = pair.slice(0, at);
    const value = pair.slice(at + 1);
    out[key] = /^-?\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : value === 'true'
        ? true
        : value === 'false'
          ? false
          : value.normalize('NFC');
  }
  return out;
}

interface DeviceFilterOptions {
  offline?: boolean;
  group?: string;
  version?: string;
  problem?: string;
}

function positive(field: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${field}: must be a positive number, got ${value}`);
  return n;
}

/** The --offline/--group/--version/--problem filters as one predicate (all must hold). */
export function deviceFilter(o: DeviceFilterOptions): (d: DeviceStatus) => boolean {
  if (o.problem !== undefined && !(DEVICE_PROBLEMS as readonly string[]).includes(o.problem))
    throw new UsageError(`--problem: one of ${DEVICE_PROBLEMS.join(', ')}, got ${JSON.stringify(o.problem)}`);
  const group = o.group === undefined ? undefined : checkSegment('--group', o.group);
  return (d) =>
    (!o.offline || d.state !== 'online') &&
    (group === undefined || (Array.isArray(d.groups) && d.groups.includes(group))) &&
    (o.version === undefined || d.appVersion === o.version || d.catalogVersion === o.version) &&
    (o.problem === undefined || (d.problems ?? []).includes(o.problem as DeviceProblem));
}

/**
 * `fleet devices --registry URL`: the registry answers with the filters applied in its database
 * (fast at a nation's 10,000 kiosks: no broker snapshot), and its own count of every kiosk.
 */
async function devicesFromRegistry(
  o: RegistryOptions & DeviceFilterOptions & { registry: string; json?: boolean },
): Promise<number> {
  deviceFilter(o); // the same checks of --problem and --group
  const q = new URLSearchParams();
  if (o.offline) q.set('offline', '1');
  if (o.group) q.set('group', o.group);
  if (o.version) q.set('version', o.version);
  if (o.problem) q.set('problem', o.problem);
  const client = registryClient(o);
  const path = `/api/statuses?${q.toString()}`;
  const summary = client.get<{ devices: Record<string, number> }>('/api/summary');
  summary.catch(() => undefined); // awaited below; a failed list is the error to report
  let shown: number;
  if (o.json) {
    // the registry writes the list as this command prints it: copied through, not parsed
    const headers = await client.pipe(path, process.stdout);
    shown = Number(headers['x-total-count']);
  } else {
    const list = await client.get<DeviceStatus[]>(path);
    process.stdout.write(devicesTable(list));
    shown = list.length;
  }
  const counts = (await summary).devices;
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  process.stderr.write(`${shown} shown of ${all} kiosks in the registry (${counts.online ?? 0} online)\n`);
  return 0;
}

/** The update column of `kiosk fleet devices`: `downloading 2.0.0 12/38`, `rolled-back 2.0.0 (watchdog...)`. */
export function updateLabel(update: unknown): string {
  if (typeof update !== 'object' || update === null) return '-';
  const u = update as {
    state?: unknown;
    version?: unknown;
    have?: unknown;
    need?: unknown;
    reason?: unknown;
  };
  if (typeof u.state !== 'string' || u.state === 'idle') return '-';
  const parts = [u.state, typeof u.version === 'string' ? u.version : ''];
  if (typeof u.have === 'number' && typeof u.need === 'number') parts.push(`${u.have}/${u.need}`);
  if (typeof u.reason === 'string')
    parts.push(`(${u.reason.length > 40 ? `${u.reason.slice(0, 39)}…` : u.reason})`);
  return parts.filter(Boolean).join(' ');
}

function devicesTable(devices: DeviceStatus[]): string {
  if (devices.length === 0) return 'no kiosks have reported a status on this broker/prefix\n';
  const rows = devices.map((d) => {
    const printer = (d.peripherals?.printer ?? {}) as { online?: boolean; paper?: string; error?: string };
    return [
      d.device,
      d.state,
      d.ts ? d.ts.replace('T', ' ').slice(0, 19) : '-',
      d.appVersion ?? '-',
      updateLabel(d.update),
      d.catalogVersion ?? '-',
      printer.error
        ? 'printer: error'
        : printer.online === undefined
          ? '-'
          : `printer: ${printer.online ? printer.paper : 'offline'}`,
      d.problems?.length ? d.problems.join(',') : '-',
    ];
  });
  const head = ['DEVICE', 'STATE', 'LAST SEEN (UTC)', 'APP', 'UPDATE', 'CATALOG', 'PERIPHERALS', 'PROBLEMS'];
  for (const r of rows) for (let i = 0; i < r.length; i++) r[i] = printable(String(r[i]));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[fmt(head), ...rows.map(fmt)].join('\n')}\n`;
}

/** Device-sent text for a terminal: control characters (escape sequences) shown as U+FFFD, at most 40 characters. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function watchLine(topics: FleetTopics, topic: string, payload: Buffer, json: boolean): string {
  const at = topics.parseDevice(topic);
  const [device = '?', ...kind] = at ? [at.device, ...at.rest.split('/')] : topic.split('/');
  let body: unknown;
  try {
    body = payload.length === 0 ? null : JSON.parse(payload.toString('utf8'));
  } catch {
    return json
      ? JSON.stringify({ topic, device, error: 'payload is not JSON', bytes: payload.length })
      : `${new Date().toISOString()} ${device} ${kind.join('/')} (malformed payload, ${payload.length} bytes)`;
  }
  if (json) return JSON.stringify({ topic, device, kind: kind.join('/'), payload: body });
  const b = (body ?? {}) as Record<string, unknown>;
  const data = (b.data ?? b) as Record<string, unknown>;
  const summary =
    kind[0] === 'status'
      ? `${b.state} app=${b.appVersion} catalog=${b.catalogVersion}`
      : kind[0] === 'telemetry'
        ? `rss=${data.rssMb}MB temp=${data.cpuTempC ?? '-'}C load=${JSON.stringify(data.load)} outbox=${JSON.stringify(data.outbox)}`
        : JSON.stringify(data);
  return `${typeof b.ts === 'string' ? b.ts : new Date().toISOString()} ${device} ${kind.join('/')} ${summary}`;
}

function responseLine(r: CommandResponse): string {
  if (!r.ok) return `${r.device}: REFUSED ${r.error?.code}: ${r.error?.message}`;
  const result = { ...(r.result ?? {}) };
  if (typeof result.pngBase64 === 'string') result.pngBase64 = `<${result.bytes} bytes>`;
  return `${r.device}: ok ${JSON.stringify(result)}`;
}
