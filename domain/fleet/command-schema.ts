import { z } from 'zod';
import { COMMAND_NAMES, type CommandName } from './command-names.js';

/** Longest lifetime a command may ask for; ids are remembered at least this long. */
export const MAX_COMMAND_LIFETIME_MS = 24 * 3600_000;
/** Accepted clock difference between the fleet manager and the kiosk. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const ARG_SCHEMAS: Record<CommandName, z.ZodType<Record<string, unknown>>> = {
  ping: z.strictObject({}),
  status: z.strictObject({}),
  restart: z.strictObject({ delaySeconds: z.number().int().min(0).max(3600).optional() }),
  'reload-config': z.strictObject({}),
  'set-volume': z.strictObject({ volume: z.number().int().min(0).max(100) }),
  announce: z.strictObject({
    text: z.string().trim().min(1).max(500),
    lang: z.enum(['vi', 'en']).optional(),
  }),
  screenshot: z.strictObject({}),
  selftest: z.strictObject({}),
  'catalog-rollback': z.strictObject({}),
};

/** Who a command is for; signed, so a command for one device cannot be replayed to another. */
export const targetSchema = z.union([
  z.strictObject({ device: z.string().min(1) }),
  z.strictObject({ group: z.string().min(1) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type CommandTarget = z.infer<typeof targetSchema>;

export const commandSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._:-]{8,80}$/, { error: 'must be 8-80 letters, digits or ._:-' }),
  name: z.enum(COMMAND_NAMES, { error: `must be one of ${COMMAND_NAMES.join(', ')}` }),
  args: z.record(z.string(), z.unknown()).default({}),
  target: targetSchema,
  /** Milliseconds since the epoch. */
  issuedAt: z.number().int().positive(),
  expiresAt: z.number().int().positive(),
  keyId: z.string().min(1),
  signature: z.string().min(1),
});
export type FleetCommand = z.infer<typeof commandSchema>;

export type CommandErrorCode =
  | 'malformed'
  | 'bad-signature'
  | 'unknown-key'
  | 'no-fleet-key'
  | 'expired'
  | 'not-yet-valid'
  | 'replayed'
  | 'wrong-target'
  | 'bad-args'
  | 'unsupported'
  | 'failed';

export interface CommandResponse {
  /** The command id (or null when the payload had none). */
  id: string | null;
  device: string;
  name: string;
  ok: boolean;
  ts: number;
  result?: Record<string, unknown>;
  error?: { code: CommandErrorCode; message: string };
}

/** Validates a command's arguments; returns a readable problem or the parsed args. */
export function parseArgs(
  name: CommandName,
  args: Record<string, unknown>,
): { ok: true; args: Record<string, unknown> } | { ok: false; message: string } {
  const result = ARG_SCHEMAS[name].safeParse(args);
  if (result.success) return { ok: true, args: result.data };
  return { ok: false, message: formatZod(result.error) };
}

export function formatZod(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const path = i.path.map(String).join('.') || '(payload)';
      return i.code === 'unrecognized_keys'
        ? `${path}: unknown field(s) ${i.keys.join(', ')}`
        : `${path}: ${i.message}`;
    })
    .join('; ');
}
