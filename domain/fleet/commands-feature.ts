import type { IPublishPacket } from 'mqtt';
import { errorMessage } from '../../runtime/errors.js';
import type { Db } from '../../runtime/storage/database.js';
import { createCommandHandlers } from './command-handlers.js';
import { CommandProcessor, type CommandHandlers } from './command-processor.js';
import { MAX_COMMAND_LIFETIME_MS, type CommandResponse } from './command-schema.js';
import { CommandStore } from './command-store.js';
import type { DeviceActions } from './device-actions.js';
import { FleetFeature, type FleetContext } from './fleet-feature.js';
import type { CommandRoute } from './topics.js';

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

  private async run(route: CommandRoute, payload: Buffer, packet: IPublishPacket): Promise<void> {
    const processor = this.processor;
    if (!processor) return;
    const ctx = this.ctx;
    let response: CommandResponse;
    try {
      response = await processor.handle(payload, route);
    } catch (err) {
      response = {
        id: null,
        device: ctx.deviceId,
        name: route.name,
        ok: false,
        ts: ctx.clock.now(),
        error: { code: 'failed', message: errorMessage(err) },
      };
    }
    if (response.ok)
      ctx.log.info({ id: response.id, command: route.name }, `fleet command ${route.name} done`);
    else
      ctx.log.warn(
        { id: response.id, command: route.name, error: response.error },
        `fleet command ${route.name} refused: ${response.error?.code}: ${response.error?.message}`,
      );
    const responseTopic = packet.properties?.responseTopic ?? ctx.topics.responses(ctx.deviceId);
    const correlationData = packet.properties?.correlationData;
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
