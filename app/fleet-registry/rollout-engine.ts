import { errorMessage } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { FleetTopics } from '../../domain/fleet/topics.js';
import type { RegistryStore, RolloutRow } from '../../domain/fleet-registry/registry-store.js';
import {
  nextStep,
  rolloutPlanSchema,
  rolloutReport,
  type RolloutPlan,
  type RolloutReport,
} from '../../domain/fleet-registry/rollout-plan.js';

/** How often running rollouts are looked at. */
const TICK_MS = 1000;
/** Events older than the rollout by this much are not its own. */
const EVENT_SLACK_MS = 60_000;

/**
 * Drives staged rollouts from the registry's database, so they survive a restart of `kiosk fleet
 * serve`: publishes the current wave's signed manifest (retained, QoS 1; the wave counts as
 * published only after the broker acknowledged it), counts from the devices' statuses and catalog
 * events, aborts (publishing the signed audience-of-nobody manifest) when the failure ratio goes
 * over the threshold, and starts the next wave when enough devices applied and the wave's minimum
 * time passed. Every change is a conditional update, so instances sharing a database agree.
 * It never holds the fleet's private key: every manifest was signed by `kiosk fleet rollout start`.
 */
export class RolloutEngine {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly plans = new Map<string, RolloutPlan>();

  constructor(
    private readonly o: {
      store: RegistryStore;
      topics: FleetTopics;
      publish(topic: string, payload: string): Promise<void>;
      log: Logger;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  start(): void {
    const loop = () => {
      this.timer = setTimeout(() => {
        this.running = this.tick().finally(loop);
      }, TICK_MS);
    };
    this.running = this.tick().finally(loop);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
  }

  plan(row: RolloutRow): RolloutPlan {
    let p = this.plans.get(row.id);
    if (!p) {
      p = rolloutPlanSchema.parse(JSON.parse(row.plan));
      this.plans.set(row.id, p);
    }
    return p;
  }

  async report(row: RolloutRow): Promise<RolloutReport> {
    const [devices, events] = await Promise.all([
      this.o.store.channelDevices(row.channel),
      this.o.store.catalogEvents(row.createdAt - EVENT_SLACK_MS),
    ]);
    return rolloutReport(row, this.plan(row), devices, events);
  }

  /** One look at every running rollout. */
  async tick(): Promise<void> {
    let rows: RolloutRow[];
    try {
      rows = (await this.o.store.rollouts()).filter((r) => r.state === 'running');
    } catch (err) {
      this.o.log.warn({ err: errorMessage(err) }, `rollouts: cannot read the registry: ${errorMessage(err)}`);
      return;
    }
    for (const row of rows)
      await this.step(row).catch((err: unknown) =>
        this.o.log.warn(
          { rollout: row.id, err: errorMessage(err) },
          `rollout ${row.id}: ${errorMessage(err)}`,
        ),
      );
  }

  private async publishManifest(row: RolloutRow, manifest: unknown): Promise<void> {
    await this.o.publish(this.o.topics.catalogManifest(row.channel), JSON.stringify(manifest));
  }

  private async step(row: RolloutRow): Promise<void> {
    const plan = this.plan(row);
    const now = this.now();
    const from = { state: row.state, wave: row.wave };
    if (row.publishedWave < row.wave) {
      await this.publishManifest(row, (plan.waves[row.wave] as RolloutPlan['waves'][number]).manifest);
      await this.o.store.updateRollout(row.id, from, { publishedWave: row.wave, waveStartedAt: now }, now);
      this.o.log.info(
        { rollout: row.id, wave: row.wave + 1 },
        `rollout ${row.id}: wave ${row.wave + 1} published`,
      );
      return;
    }
    const report = await this.report(row);
    const next = nextStep(row, plan, report, now);
    if (next.kind === 'abort') await this.abort(row, next.reason);
    else if (next.kind === 'advance')
      await this.o.store.updateRollout(row.id, from, { wave: row.wave + 1 }, now);
    else if (next.kind === 'complete') {
      // before the state changes, so a crash in between clears them again at the next tick
      if (plan.supersedes) await this.clearChunks(row.channel, plan.supersedes);
      await this.o.store.updateRollout(row.id, from, { state: 'completed' }, now);
    }
  }

  /**
   * Removes a superseded catalog's retained chunks (an empty retained payload each), so the
   * broker does not keep every version ever rolled out. Idempotent: instances sharing a
   * database may both do it.
   */
  private async clearChunks(channel: string, catalog: { version: string; chunks: number }): Promise<void> {
    for (let i = 0; i < catalog.chunks; i++)
      await this.o.publish(this.o.topics.catalogChunk(channel, catalog.version, i), '');
    this.o.log.info(
      { channel, version: catalog.version, chunks: catalog.chunks },
      `catalog ${catalog.version} on ${channel}: ${catalog.chunks} retained chunks cleared`,
    );
  }

  /**
   * Stops a rollout: the audience-of-nobody manifest replaces the wave's, so no one else applies
   * it, and its chunks are cleared (no kiosk may download them any more).
   */
  async abort(row: RolloutRow, reason: string): Promise<boolean> {
    const plan = this.plan(row);
    await this.publishManifest(row, plan.abortManifest);
    await this.clearChunks(row.channel, {
      version: plan.abortManifest.version,
      chunks: plan.abortManifest.content.chunks.length,
    });
    const ok = await this.o.store.updateRollout(
      row.id,
      { state: row.state, wave: row.wave },
      { state: 'aborted', reason: reason.slice(0, 500) },
      this.now(),
    );
    if (ok) this.o.log.warn({ rollout: row.id }, `rollout ${row.id} aborted: ${reason}`);
    return ok;
  }

  /** Pause (no next wave; devices of the current one still apply it) or resume. */
  async setPaused(row: RolloutRow, paused: boolean): Promise<boolean> {
    return this.o.store.updateRollout(
      row.id,
      { state: row.state, wave: row.wave },
      { state: paused ? 'paused' : 'running' },
      this.now(),
    );
  }
}
