import { errorMessage } from '../../runtime/errors.js';
import type { Outbox } from '../telemetry/outbox.js';
import type { EventRecorder } from '../telemetry/event-recorder.js';
import type { DeviceActions } from './device-actions.js';
import { FleetFeature, type FleetContext } from './fleet-feature.js';
import { ownMachine, type MachineReadings } from './health.js';

export interface HealthSamplerDeps {
  dataDir: string;
  /** Its depth goes into each sample. */
  outbox: Pick<Outbox, 'depth'>;
  recorder: Pick<EventRecorder, 'telemetry'>;
  actions: DeviceActions;
  /** Where the machine's health comes from (default this machine, read afresh). */
  machine?: MachineReadings;
}

/**
 * Periodic health telemetry: one sample at start (so the fleet sees health right after every
 * restart) and one every `fleet.telemetryIntervalSeconds`, queued in the outbox (kept while
 * offline, dropped first when full). Each sample also refreshes the retained status ("last seen").
 */
export class HealthSampler extends FleetFeature {
  readonly name = 'health';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    ctx: FleetContext,
    private readonly d: HealthSamplerDeps,
  ) {
    super(ctx);
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.sample(), this.ctx.config.telemetryIntervalSeconds * 1000);
    this.timer.unref();
    void this.sample();
  }

  override async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await super.stop();
  }

  /** Queues one health sample in the outbox. */
  async sample(): Promise<void> {
    try {
      const sample = {
        ...(await (this.d.machine ?? ownMachine).systemHealth(this.d.dataDir)),
        outbox: this.d.outbox.depth(),
        peripherals: await this.d.actions
          .peripherals()
          .catch((err: unknown) => ({ error: errorMessage(err) })),
        counters: this.d.actions.counters(),
        ...this.ctx.statusFields('brief'),
        connected: this.ctx.connected,
      };
      this.d.recorder.telemetry('telemetry', sample);
      this.ctx.refreshStatus();
    } catch (err) {
      this.ctx.log.warn({ err: errorMessage(err) }, 'telemetry sample failed');
    }
  }
}
