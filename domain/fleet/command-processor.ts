import type { KeyObject } from 'node:crypto';
import type { Clock } from '../../runtime/clock.js';
import { errorMessage } from '../../runtime/errors.js';
import {
  CLOCK_SKEW_MS,
  MAX_COMMAND_LIFETIME_MS,
  commandSchema,
  formatZod,
  parseArgs,
  type CommandErrorCode,
  type CommandResponse,
  type FleetCommand,
} from './command-schema.js';
import type { CommandName } from './command-names.js';
import type { CommandStore } from './command-store.js';
import { untrustedText } from '../../runtime/text/untrusted-text.js';
import { verifyDocument } from './signing.js';
import type { CommandRoute } from './topics.js';

export type { CommandRoute } from './topics.js';

export type CommandHandler = (
  args: Record<string, unknown>,
  command: FleetCommand,
) => Promise<Record<string, unknown>>;
/** Handlers by command name; a name without one is refused as `unsupported`. */
export type CommandHandlers = Partial<Record<CommandName, CommandHandler>>;

export interface CommandProcessorOptions {
  deviceId: string;
  groups: readonly string[];
  /** Trusted fleet keys by key id; undefined when none is configured (every command refused). */
  keys: ReadonlyMap<string, KeyObject> | undefined;
  store: CommandStore;
  clock: Clock;
  handlers: CommandHandlers;
}

/**
 * What became of one command. `verified` is false when the payload is not a command signed by a
 * trusted fleet key (not JSON, wrong shape, no key configured, unknown key, bad signature): such a
 * request may come from anyone, so it is refused without an answer on the broker. Once the
 * signature holds, every refusal is answered.
 */
export interface CommandOutcome {
  verified: boolean;
  response: CommandResponse;
}

/** Longest text taken from an unverified payload into a refusal (logs only; never published). */
const MAX_UNVERIFIED_TEXT = 200;

/**
 * Checks and runs one fleet command: parse, schema, signature, target, expiry, replay, arguments,
 * then the handler. Never throws; every refusal is a response with a code and a readable reason.
 */
export class CommandProcessor {
  constructor(private readonly o: CommandProcessorOptions) {}

  async handle(payload: Buffer, route: CommandRoute): Promise<CommandOutcome> {
    const unverified = (id: string | null, code: CommandErrorCode, message: string): CommandOutcome => ({
      verified: false,
      response: this.refuse(
        id === null ? null : untrustedText(id, 80),
        untrustedText(route.name, 80),
        code,
        untrustedText(message, MAX_UNVERIFIED_TEXT),
      ),
    });
    let raw: unknown;
    try {
      raw = JSON.parse(payload.toString('utf8'));
    } catch (err) {
      return unverified(null, 'malformed', `payload is not JSON: ${errorMessage(err)}`);
    }
    const rawId =
      typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : null;
    const parsed = commandSchema.safeParse(raw);
    if (!parsed.success) return unverified(rawId, 'malformed', formatZod(parsed.error));
    const cmd = parsed.data;
    if (!this.o.keys || this.o.keys.size === 0)
      return unverified(
        cmd.id,
        'no-fleet-key',
        'no fleet public key configured (fleet.fleetPublicKey); commands are refused',
      );
    const verdict = verifyDocument(raw as Record<string, unknown>, this.o.keys);
    if (!verdict.ok) return unverified(cmd.id, verdict.code, verdict.message);
    return { verified: true, response: await this.checked(cmd, route) };
  }

  /** The checks and the run after the signature held. */
  private async checked(cmd: FleetCommand, route: CommandRoute): Promise<CommandResponse> {
    const now = this.o.clock.now();
    if (cmd.name !== route.name)
      return this.refuse(
        cmd.id,
        route.name,
        'malformed',
        `command "${cmd.name}" was sent on the topic for "${route.name}"`,
      );
    const targetProblem = this.checkTarget(cmd, route);
    if (targetProblem) return this.refuse(cmd.id, cmd.name, 'wrong-target', targetProblem);
    if (cmd.expiresAt - cmd.issuedAt > MAX_COMMAND_LIFETIME_MS || cmd.expiresAt <= cmd.issuedAt)
      return this.refuse(
        cmd.id,
        cmd.name,
        'malformed',
        'expiresAt must be after issuedAt and within 24 hours of it',
      );
    if (now > cmd.expiresAt)
      return this.refuse(
        cmd.id,
        cmd.name,
        'expired',
        `command expired at ${new Date(cmd.expiresAt).toISOString()} (kiosk time ${new Date(now).toISOString()})`,
      );
    if (cmd.issuedAt > now + CLOCK_SKEW_MS)
      return this.refuse(
        cmd.id,
        cmd.name,
        'not-yet-valid',
        `issued at ${new Date(cmd.issuedAt).toISOString()}, in the future for this kiosk (${new Date(now).toISOString()}); check the clocks`,
      );
    const args = parseArgs(cmd.name, cmd.args);
    if (!args.ok) return this.refuse(cmd.id, cmd.name, 'bad-args', args.message);
    if (!this.o.store.claim(cmd.id, cmd.name, now, cmd.expiresAt)) {
      const previous = this.o.store.get(cmd.id);
      const response = this.refuse(
        cmd.id,
        cmd.name,
        'replayed',
        `command ${cmd.id} was already received at ${new Date(previous?.receivedAt ?? now).toISOString()}; not run again`,
      );
      return previous?.response ? { ...response, result: { previous: previous.response } } : response;
    }
    const handler = this.o.handlers[cmd.name];
    let response: CommandResponse;
    try {
      if (!handler) throw new UnsupportedCommand(cmd.name);
      const result = await handler(args.args, cmd);
      response = {
        id: cmd.id,
        device: this.o.deviceId,
        name: cmd.name,
        ok: true,
        ts: this.o.clock.now(),
        result,
      };
    } catch (err) {
      response = this.refuse(
        cmd.id,
        cmd.name,
        err instanceof UnsupportedCommand ? 'unsupported' : 'failed',
        errorMessage(err),
      );
    }
    this.o.store.finish(cmd.id, response);
    return response;
  }

  private checkTarget(cmd: FleetCommand, route: CommandRoute): string | undefined {
    const t = cmd.target;
    if ('device' in t) {
      if (t.device !== this.o.deviceId)
        return `command is for device ${t.device}, this is ${this.o.deviceId}`;
      if (route.scope !== 'device') return 'a device command arrived on a group/all topic';
    } else if ('group' in t) {
      if (!this.o.groups.includes(t.group))
        return `command is for group ${t.group}; this kiosk is in ${this.o.groups.join(', ')}`;
      if (route.scope !== 'group' || route.scopeId !== t.group)
        return 'a group command arrived on another topic';
    } else if (route.scope !== 'all') return 'an all-devices command arrived on a device/group topic';
    return undefined;
  }

  private refuse(id: string | null, name: string, code: CommandErrorCode, message: string): CommandResponse {
    return { id, device: this.o.deviceId, name, ok: false, ts: this.o.clock.now(), error: { code, message } };
  }
}

class UnsupportedCommand extends Error {
  constructor(name: string) {
    super(`this kiosk has no handler for ${name} (the feature that answers it is not running)`);
  }
}
