import { errorMessage } from '../../runtime/errors.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Outbox } from '../telemetry/outbox.js';
import { appVersion } from './app-version.js';
import type { DeviceActions } from './device-actions.js';
import { FleetFeature, type FleetContext } from './fleet-feature.js';
import { ownMachine, type MachineReadings } from './health.js';

export interface PresenceDeps {
  actions: DeviceActions;
  outbox: Outbox;
  /** Service failures and recoveries re-publish the status, so the fleet sees them at once. */
  bus?: EventBus<KioskEvents>;
  /** The data directory: its free space is in the status (`health.diskFreeMb`). */
  dataDir?: string;
  /** Where memory and disk come from (default this machine, read afresh). */
  machine?: MachineReadings;
}

const BUS_OWNER = 'fleet-presence';

/**
 * Presence: the retained status document on `{p}/devices/{id}/status`, published on every connect
 * and whenever something the fleet shows changes; the offline document for the will (a crash or a
 * cut cable) and for a clean shutdown.
 */
export class PresenceFeature extends FleetFeature {
  readonly name = 'presence';

  constructor(
    ctx: FleetContext,
    private readonly d: PresenceDeps,
  ) {
    super(ctx);
  }

  async start(): Promise<void> {
    this.ctx.onConnectionChange(this, (up) => {
      if (up) this.refresh();
    });
    this.d.bus?.on(BUS_OWNER, 'service.state', (s) => {
      if (s.state === 'failed' || s.state === 'running') this.refresh();
    });
    this.d.bus?.on(BUS_OWNER, 'kiosk.condition', () => this.refresh());
  }

  override async stop(): Promise<void> {
    this.d.bus?.offOwner(BUS_OWNER);
    await super.stop();
  }

  /** The offline status: the will (`connection-lost`) or the last word of a clean stop (`shutdown`). */
  offline(reason: string): Record<string, unknown> {
    return {
      state: 'offline',
      reason,
      ts: new Date(this.ctx.clock.now()).toISOString(),
      device: this.ctx.deviceId,
      appVersion: appVersion(),
      ...this.ctx.statusFields('brief'),
    };
  }

  async document(state: 'online'): Promise<Record<string, unknown>> {
    return {
      state,
      ts: new Date(this.ctx.clock.now()).toISOString(),
      device: this.ctx.deviceId,
      groups: this.ctx.groups,
      channel: this.ctx.config.channel,
      appVersion: appVersion(),
      ...this.ctx.statusFields('full'),
      condition: this.d.actions.condition(),
      failedServices: this.d.actions
        .services()
        .filter((s) => s.state === 'failed')
        .map((s) => ({ name: s.name, error: s.lastError ?? null })),
      peripherals: await this.d.actions.peripherals().catch((err: unknown) => ({ error: errorMessage(err) })),
      health: {
        uptimeSeconds: Math.round(process.uptime()),
        outboxDepth: this.d.outbox.count(),
        ...(await (this.d.machine ?? ownMachine).statusHealth(this.d.dataDir)),
      },
    };
  }

  /** Publishes the retained status now (when connected). */
  refresh(): void {
    if (!this.ctx.connected) return;
    this.document('online')
      .then((doc) =>
        this.ctx.publish(this.ctx.topics.status(this.ctx.deviceId), JSON.stringify(doc), {
          qos: 1,
          retain: true,
        }),
      )
      .catch((err: unknown) => this.ctx.log.warn({ err: errorMessage(err) }, 'could not publish status'));
  }
}
