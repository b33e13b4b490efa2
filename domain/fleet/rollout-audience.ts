import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isSegment } from './topics.js';

/** One past the largest wave hash: `below: WAVE_SPACE` takes every device. */
export const WAVE_SPACE = 2 ** 32;

/**
 * Who a staged rollout's manifest is for (signed with it, so no one can widen it): devices whose
 * wave hash is under `below`, and, when given, only the listed devices or members of the listed
 * groups. A kiosk outside the audience keeps what it has and reports nothing.
 */
export const audienceSchema = z.strictObject({
  rollout: z.string().refine(isSegment, { error: 'rollout: a topic-safe id' }),
  wave: z.number().int().min(0).max(100),
  below: z.number().int().min(0).max(WAVE_SPACE),
  devices: z.array(z.string().refine(isSegment)).max(1000).optional(),
  groups: z.array(z.string().refine(isSegment)).max(64).optional(),
});
export type Audience = z.infer<typeof audienceSchema>;

/**
 * A device's place in a rollout's waves: the first 32 bits of sha256(`rollout:device`). Stable for
 * one rollout (a device in the 1% wave is in the 10% one), different between rollouts (the same
 * kiosks are not always first).
 */
export function waveHash(rollout: string, device: string): number {
  return createHash('sha256').update(`${rollout}:${device}`).digest().readUInt32BE(0);
}

export function inAudience(a: Audience, device: string, groups: readonly string[]): boolean {
  if (a.devices && !a.devices.includes(device)) return false;
  if (a.groups && !a.groups.some((g) => groups.includes(g))) return false;
  return waveHash(a.rollout, device) < a.below;
}
