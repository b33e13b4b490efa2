import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { Outbox, OutboxMessage } from '../telemetry/outbox.js';
import { OutboxPublisher } from '../telemetry/outbox-publisher.js';
import { FleetFeature, type FleetContext } from './fleet-feature.js';

export interface OutboxFeatureDeps {
  outbox: Outbox;
  bus: EventBus<KioskEvents>;
}

/**
 * The durable outbox drained to the broker while connected: telemetry, events and records go out
 * in order as envelopes on `{p}/devices/{id}/{topic}`, each deleted only after its PUBACK.
 */
export class OutboxFeature extends FleetFeature {
  readonly name = 'outbox';
  private publisher: OutboxPublisher | undefined;
  private offQueued: (() => void) | undefined;

  constructor(
    ctx: FleetContext,
    private readonly d: OutboxFeatureDeps,
  ) {
    super(ctx);
  }

  async start(): Promise<void> {
    const publisher = new OutboxPublisher(this.d.outbox, (m) => this.publish(m), this.ctx.log);
    this.publisher = publisher;
    this.offQueued = this.d.bus.on('fleet', 'outbox.queued', () => publisher.kick());
    this.ctx.onConnectionChange(this, (up) => publisher.setConnected(up));
  }

  override async stop(): Promise<void> {
    this.offQueued?.();
    this.offQueued = undefined;
    this.publisher?.stop();
    await super.stop();
  }

  private async publish(m: OutboxMessage): Promise<void> {
    const type = m.topic.slice(m.topic.lastIndexOf('/') + 1);
    const envelope = {
      id: m.uid,
      seq: m.id,
      device: this.ctx.deviceId,
      type,
      kind: m.kind,
      ts: new Date(m.createdAt).toISOString(),
      data: m.payload,
    };
    await this.ctx.publish(
      this.ctx.topics.deviceMessage(this.ctx.deviceId, m.topic),
      JSON.stringify(envelope),
      {
        qos: 1,
        properties: { contentType: 'application/json' },
      },
    );
  }
}
