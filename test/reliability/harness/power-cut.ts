import type { MqttClient } from 'mqtt';
import { readFileSync, rmSync } from 'node:fs';
import { buildRollout, type Rollout } from '../../../domain/fleet/catalog-manifest.js';
import { connectFleet, publishRollout, subscribeAsync } from '../../../domain/fleet/fleet-client.js';
import { fleetTopics } from '../../../domain/fleet/topics.js';
import { fleetKeys } from '../../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../../helpers/mosquitto.js';
import { tempDir } from '../../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from '../../unit/fleet/fixtures.js';
import { answerCentreRequests } from './broker-network.js';
import { catalogStateMismatch, checkInvariants, readDisk, sha256, type Acknowledged } from './invariants.js';
import { spawnKiosk, type KioskProc } from './kiosk-proc.js';
import { seededRandom, sleep } from './rng.js';

export interface PowerCutOptions {
  iterations: number;
  seed?: number;
  /** Longest time the kiosk serves before the cut (ms; the cut instant is uniform in [0, this]). */
  maxRunMs?: number;
  /** Share of cuts made while the kiosk is still starting (migrations, catalog load). */
  startupCutShare?: number;
  /** Stop early when this many minutes have passed (the report says how many ran). */
  budgetMinutes?: number;
  progress?: (line: string) => void;
}

export interface PowerCutReport {
  iterations: number;
  cutsDuringStartup: number;
  ticketsAcknowledged: number;
  ratingsAcknowledged: number;
  catalogsPublished: number;
  /** Of them, deltas over the catalog the kiosk held (appended to its delta log). */
  deltasPublished: number;
  catalogVersionsSeenOnDisk: number;
  /** Acknowledged records missing after a cut or at the end. */
  lost: number;
  /** A number shown twice, a record queued twice, or delivered under two different ids. */
  duplicates: number;
  /** The same message id received again by the consumer (at-least-once; deduplicated by id). */
  redeliveries: number;
  integrityFailures: number;
  catalogMixed: number;
  configDamaged: number;
  /** The kiosk failed to come back after a cut. */
  crashes: number;
  /** catalog.json.state.json out of step with catalog.json after a cut (see docs/reliability.md). */
  catalogStateMismatches: number;
  /** Slowest first control-API answer after the kiosk reported it listens (ms). */
  firstAnswerMs: number;
  finalCatalogVersion: string | null;
  latestPublishedVersion: string | null;
  violations: string[];
  ms: number;
}

interface Envelope {
  id: string;
  type: string;
  data: { id?: string; number?: string; serviceDay?: string };
}

const DEVICE = 'kiosk-power';

/** A rating record envelope (type is the last topic level; older builds sent "records/rating"). */
const isRating = (e: Envelope): boolean => e.type === 'rating' || e.type === 'records/rating';
const topics = fleetTopics('kiosk/v1');

type State = {
  screen: string | null;
  lastTicket: { number: string; serviceDay: string } | null;
  details: Record<string, unknown>;
  targets: { id: string; button: string | null }[];
  outboxCount: number;
};

/** Citizens using the kiosk until the power goes: tickets and ratings, each acknowledged on screen. */
async function citizens(k: KioskProc, ack: Acknowledged, random: () => number, stopped: () => boolean) {
  const press = (id: string) => k.api<State>('/api/button', { id });
  const home = async (s: State) => {
    for (let i = 0; i < 4 && s.screen !== 'home'; i++) {
      const homeTarget = s.targets.find((t) => /home/.test(t.id) && t.button);
      s = await press(homeTarget?.button ?? 'back');
    }
  };
  while (!stopped()) {
    if (random() < 0.55) {
      const before = await k.api<State>('/api/state');
      const s = await press('1');
      const t = s.lastTicket;
      if (s.screen === 'ticket' && t && t.number !== before.lastTicket?.number)
        ack.tickets.push({ number: t.number, serviceDay: t.serviceDay });
      await home(s);
    } else {
      let s = await press('4');
      if (s.details.step === 'counter') s = await press(String(1 + Math.floor(random() * 2)));
      const level = 1 + Math.floor(random() * Number(s.details.levels ?? 3));
      s = await press(String(level));
      const id = s.details.ratingId;
      if (s.screen === 'rating-thanks' && typeof id === 'string') ack.ratings.push(id);
      await home(s);
    }
  }
}

/**
 * The power-cut harness: a simulated kiosk on a real Mosquitto serves tickets and ratings, drains
 * its outbox, receives catalog rollouts, and is SIGKILLed at random instants (some while starting).
 * After each cut the data dir is checked; at the end the kiosk drains and every acknowledged record
 * must have reached the consumer under exactly one id.
 */
export async function runPowerCuts(options: PowerCutOptions): Promise<PowerCutReport> {
  const t0 = Date.now();
  const random = seededRandom(options.seed ?? 1);
  const log = options.progress ?? (() => undefined);
  const maxRunMs = options.maxRunMs ?? 2500;
  const keys = fleetKeys();
  const dataDir = tempDir('kiosk-power-');
  const report: PowerCutReport = {
    iterations: 0,
    cutsDuringStartup: 0,
    ticketsAcknowledged: 0,
    ratingsAcknowledged: 0,
    catalogsPublished: 0,
    deltasPublished: 0,
    catalogVersionsSeenOnDisk: 0,
    lost: 0,
    duplicates: 0,
    redeliveries: 0,
    integrityFailures: 0,
    catalogMixed: 0,
    configDamaged: 0,
    crashes: 0,
    catalogStateMismatches: 0,
    firstAnswerMs: 0,
    finalCatalogVersion: null,
    latestPublishedVersion: null,
    violations: [],
    ms: 0,
  };
  const ack: Acknowledged = { tickets: [], ratings: [] };
  const published = new Map<string, string>();
  const seenVersions = new Set<string>();
  const received: Envelope[] = [];
  let broker: Mosquitto | undefined;
  let consumer: MqttClient | undefined;
  let mgr: MqttClient | undefined;
  let kiosk: KioskProc | undefined;
  const violation = (iteration: number, line: string) => {
    report.violations.push(`#${iteration}: ${line}`);
    if (/lost/.test(line)) report.lost++;
    else if (/twice|times|shown to|ids/.test(line)) report.duplicates++;
    else if (/integrity/.test(line)) report.integrityFailures++;
    else if (/catalog/.test(line)) report.catalogMixed++;
    else if (/config/.test(line)) report.configDamaged++;
  };
  try {
    broker = await startMosquitto({ persistence: true });
    consumer = await connectFleet({
      url: broker.url,
      clientId: 'power-consumer',
      sessionExpirySeconds: 86_400,
    });
    consumer.on('message', (_t, payload) => {
      try {
        received.push(JSON.parse(payload.toString('utf8')) as Envelope);
      } catch {
        /* not ours */
      }
    });
    await subscribeAsync(consumer, [
      topics.events(DEVICE, 'ticket-issued'),
      `kiosk/v1/devices/${DEVICE}/records/#`,
    ]);
    mgr = await connectFleet({ url: broker.url, clientId: 'power-manager' });
    await answerCentreRequests(mgr);
    let catalogSerial = 0;
    /** The catalog on disk after the last cut, and the bytes of every published version by sha256. */
    let onDisk: ReturnType<typeof readDisk>['catalog'] = null;
    const targets = new Map<string, Buffer>();
    let configSha = '';

    for (let i = 0; i < options.iterations; i++) {
      if (options.budgetMinutes && Date.now() - t0 > options.budgetMinutes * 60_000) break;
      kiosk = spawnKiosk({
        dataDir,
        deviceId: DEVICE,
        broker: broker.url,
        fleetKey: keys.publicFile,
        writeConfig: i === 0,
      });
      if (i === 0) configSha = sha256(readFileSync(kiosk.configFile));
      const duringStartup = random() < (options.startupCutShare ?? 0.1);
      let stop = false;
      let rollout: Rollout | undefined;
      if (duringStartup) {
        await sleep(random() * 2500);
        report.cutsDuringStartup++;
      } else {
        try {
          await kiosk.ready;
        } catch (err) {
          report.crashes++;
          violation(i, `kiosk did not come back: ${(err as Error).message.slice(0, 400)}`);
          break;
        }
        // the first answer shows the kiosk is serving citizens; the cut comes at a random instant after it
        const warm = Date.now();
        await kiosk.api('/api/state');
        report.firstAnswerMs = Math.max(report.firstAnswerMs, Date.now() - warm);
        if (random() < 0.3) {
          const version = `2026.11.25-${++catalogSerial}`;
          // half the time a delta over the catalog the kiosk holds (appended to its delta log)
          const base = onDisk && published.get(onDisk.sha256) ? targets.get(onDisk.sha256) : undefined;
          const next = makeCatalog(version, 150, base ? '' : ` v${catalogSerial}`);
          if (base)
            for (let p = 0; p < 5; p++)
              (next.procedures[(catalogSerial * 7 + p * 29) % 150] as { name: string }).name +=
                ` v${catalogSerial}`;
          rollout = buildRollout({
            catalog: catalogBytes(next),
            ...(base && random() < 0.5 ? { base } : {}),
            channel: 'stable',
            key: keys.key,
            chunkSize: 2048,
          });
          targets.set(rollout.manifest.sha256, rollout.target);
          if (rollout.manifest.content.kind === 'delta') report.deltasPublished++;
          published.set(rollout.manifest.sha256, version);
          report.latestPublishedVersion = version;
          report.catalogsPublished++;
        }
        const runFor = random() * maxRunMs;
        const users = citizens(kiosk, ack, random, () => stop).catch((e: unknown) => {
          if (!stop) log(`drive error: ${String(e)}`);
        });
        const catalog = rollout
          ? sleep(random() * runFor).then(() => publishRollout(mgr!, topics, rollout!))
          : Promise.resolve();
        await sleep(runFor);
        stop = true;
        await kiosk.powerCut();
        await Promise.all([users, catalog.catch(() => undefined)]);
      }
      await kiosk.powerCut();
      const disk = readDisk(dataDir);
      onDisk = disk.catalog;
      for (const line of checkInvariants({
        disk,
        acknowledged: ack,
        publishedCatalogs: published,
        configFile: kiosk.configFile,
        configSha,
      }))
        violation(i, line);
      const mismatch = catalogStateMismatch(disk);
      if (mismatch) report.catalogStateMismatches++;
      if (disk.catalog?.version) seenVersions.add(disk.catalog.version);
      report.iterations++;
      if ((i + 1) % 10 === 0 || i === options.iterations - 1)
        log(
          `power cut ${i + 1}/${options.iterations}: ${ack.tickets.length} tickets, ${ack.ratings.length} ratings acknowledged, ${report.violations.length} violations, ${Math.round((Date.now() - t0) / 1000)} s`,
        );
    }

    // Power back for good: the kiosk drains its outbox; every acknowledged record arrives under one id.
    kiosk = spawnKiosk({
      dataDir,
      deviceId: DEVICE,
      broker: broker.url,
      fleetKey: keys.publicFile,
      writeConfig: false,
    });
    try {
      await kiosk.ready;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const s = await kiosk.api<State>('/api/state');
        const latest = report.latestPublishedVersion;
        const disk = readDisk(dataDir);
        const delivered = new Set(
          received.map((e) => (!isRating(e) ? `t:${e.data.serviceDay}/${e.data.number}` : `r:${e.data.id}`)),
        );
        const allArrived =
          ack.ratings.every((id) => delivered.has(`r:${id}`)) &&
          ack.tickets.every((t) => delivered.has(`t:${t.serviceDay}/${t.number}`));
        if (s.outboxCount === 0 && allArrived && (!latest || disk.catalog?.version === latest)) break;
        await sleep(250);
      }
      await sleep(500); // late redeliveries are counted too
    } catch (err) {
      report.crashes++;
      violation(
        report.iterations,
        `kiosk did not come back for the final drain: ${(err as Error).message.slice(0, 400)}`,
      );
    }
    await kiosk.powerCut();
    const disk = readDisk(dataDir);
    report.finalCatalogVersion = disk.catalog?.version ?? null;
    if (report.latestPublishedVersion && report.finalCatalogVersion !== report.latestPublishedVersion)
      violation(
        report.iterations,
        `catalog ${report.latestPublishedVersion} was never applied (kiosk has ${report.finalCatalogVersion})`,
      );
    const idsOf = (match: (e: Envelope) => boolean) => {
      const ids = new Map<string, number>();
      for (const e of received) if (match(e)) ids.set(e.id, (ids.get(e.id) ?? 0) + 1);
      return ids;
    };
    for (const rating of ack.ratings) {
      const ids = idsOf((e) => isRating(e) && e.data.id === rating);
      if (ids.size === 0) violation(report.iterations, `rating ${rating} was lost: never delivered`);
      if (ids.size > 1) violation(report.iterations, `rating ${rating} delivered under ${ids.size} ids`);
      for (const n of ids.values()) report.redeliveries += n - 1;
    }
    for (const t of ack.tickets) {
      const ids = idsOf(
        (e) => e.type === 'ticket-issued' && e.data.number === t.number && e.data.serviceDay === t.serviceDay,
      );
      if (ids.size === 0) violation(report.iterations, `ticket ${t.number} event was lost: never delivered`);
      if (ids.size > 1)
        violation(report.iterations, `ticket ${t.number} event delivered under ${ids.size} ids`);
      for (const n of ids.values()) report.redeliveries += n - 1;
    }
    report.catalogVersionsSeenOnDisk = seenVersions.size;
  } finally {
    if (kiosk) await kiosk.powerCut();
    consumer?.end(true);
    mgr?.end(true);
    await broker?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(keys.dir, { recursive: true, force: true });
  }
  report.ticketsAcknowledged = ack.tickets.length;
  report.ratingsAcknowledged = ack.ratings.length;
  report.ms = Date.now() - t0;
  return report;
}
