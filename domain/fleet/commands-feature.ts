import type { IPublishPacket } from 'mqtt';
import { errorMessage } from '../../runtime/errors.js';
import type { Db } from '../../runtime/storage/database.js';
import { createCommandHandlers } from './command-handlers.js';
import { untrustedText } from '../../runtime/text/untrusted-text.js';
import { CommandProcessor, type CommandHandlers, type CommandOutcome } from './command-processor.js';
import { MAX_COMMAND_LIFETIME_MS } from './command-schema.js';
import { CommandStore } from './command-store.js';
import type { DeviceActions } from './device-actions.js';
import { FleetFeature, type FleetContext, type StatusDetail } from './fleet-feature.js';
import type { CommandRoute } from './topics.js';

/** Longest correlation data echoed back (the fleet CLI sends 16 bytes). */
export const MAX_CORRELATION_BYTES = 256;

export interface CommandsFeatureDeps {
  db: Db;
  actions: DeviceActions;
}

/**
 * Signed fleet commands: subscribes the device's, its groups' and the all-devices command topics,
 * checks each command (CommandProcessor), runs the handler of the feature that owns it and
 * answers over MQTT 5 request/response.
 */
export class CommandsFeature extends FleetFeature {
  readonly name = 'commands';
  private processor: CommandProcessor | undefined;
  /**
   * Commands since start: run, refused with an answer, ignored because they were not signed by a
   * trusted key (no answer), ignored because their response topic or correlation data was unusable.
   */
  private readonly counts = { done: 0, refused: 0, unverified: 0, badResponseRoute: 0 };

  constructor(
    ctx: FleetContext,
    private readonly d: CommandsFeatureDeps,
  ) {
    super(ctx);
  }

  override commandHandlers(): Partial<CommandHandlers> {
    return createCommandHandlers({
      actions: this.d.actions,
      status: () => this.ctx.status('online'),
      refreshStatus: () => this.ctx.refreshStatus(),
      connected: () => this.ctx.connected,
    });
  }

  async start(): Promise<void> {
    const ctx = this.ctx;
    const store = new CommandStore(this.d.db);
    store.prune(ctx.clock.now() - MAX_COMMAND_LIFETIME_MS);
    this.processor = new CommandProcessor({
      deviceId: ctx.deviceId,
      groups: ctx.groups,
      keys: ctx.keys,
      store,
      clock: ctx.clock,
      handlers: ctx.commandHandlers(),
    });
    await ctx.subscribe(
      this,
      ctx.topics.filters.commands(ctx.deviceId, ctx.groups),
      (topic, payload, packet) => {
        const route = ctx.topics.parseCommand(topic);
        if (route) void this.run(route, payload, packet);
      },
    );
  }

  override statusFields(detail: StatusDetail): Record<string, unknown> {
    return detail === 'full' ? { commands: { ...this.counts } } : {};
  }

  private async run(route: CommandRoute, payload: Buffer, packet: IPublishPacket): Promise<void> {
    const processor = this.processor;
    if (!processor) return;
    const ctx = this.ctx;
    const requested = packet.properties?.responseTopic;
    const responseTopic = ctx.topics.responseTopic(ctx.deviceId, requested);
    const correlationData = packet.properties?.correlationData;
    if (!responseTopic || (correlationData && correlationData.length > MAX_CORRELATION_BYTES)) {
      this.counts.badResponseRoute++;
      ctx.log.warn(
        {
          command: untrustedText(route.name, 80),
          responseTopic: requested === undefined ? undefined : untrustedText(requested, 200),
          correlationBytes: correlationData?.length,
        },
        !responseTopic
          ? 'fleet command ignored: its response topic is not a topic name in the fleet response namespace'
          : `fleet command ignored: correlation data over ${MAX_CORRELATION_BYTES} bytes`,
      );
      return;
    }
    let outcome: CommandOutcome;
    try {
      outcome = await processor.handle(payload, route);
    } catch (err) {
      outcome = {
        verified: true,
        response: {
          id: null,
          device: ctx.deviceId,
          name: route.name,
          ok: false,
          ts: ctx.clock.now(),
          error: { code: 'failed', message: errorMessage(err) },
        },
      };
    }
    const response = outcome.response;
    if (!outcome.verified) {
      this.counts.unverified++;
      ctx.log.warn(
        { id: response.id, command: response.name, error: response.error },
        `fleet command ignored, not answered: ${response.error?.code}: ${response.error?.message}`,
      );
      return;
    }
    if (response.ok) {
      this.counts.done++;
      ctx.log.info({ id: response.id, command: route.name }, `fleet command ${route.name} done`);
    } else {
      this.counts.refused++;
      ctx.log.warn(
        { id: response.id, command: route.name, error: response.error },
        `fleet command ${route.name} refused: ${response.error?.code}: ${response.error?.message}`,
      );
    }
    await ctx
      .publish(responseTopic, JSON.stringify(response), {
        qos: 1,
        properties: { contentType: 'application/json', ...(correlationData ? { correlationData } : {}) },
      })
      .catch((err: unknown) =>
        ctx.log.warn({ err: errorMessage(err), responseTopic }, 'could not publish the command response'),
      );
  }
}
