import { z } from 'zod';
import { manifestSchema, type CatalogManifest } from '../fleet/catalog-manifest.js';
import { inAudience, waveHash, WAVE_SPACE } from '../fleet/rollout-audience.js';
import { isSegment } from '../fleet/topics.js';
import type { CatalogEventRow, ChannelDevice, RolloutRow } from './registry-store.js';

/**
 * A staged rollout's plan, as `kiosk fleet rollout start` signs it and the registry stores it: one
 * signed manifest per wave (each names its audience), one signed manifest for an abort (an
 * audience of nobody), and the rules that move it from wave to wave.
 */
export const rolloutPlanSchema = z.strictObject({
  id: z.string().refine(isSegment, { error: 'id: a topic-safe rollout id' }),
  channel: z.string().refine(isSegment),
  target: z.strictObject({
    groups: z.array(z.string().refine(isSegment)).max(64).optional(),
    devices: z.array(z.string().refine(isSegment)).max(1000).optional(),
  }),
  waves: z
    .array(
      z.strictObject({
        percent: z.number().gt(0).max(100),
        /** Devices of the population in this wave when the plan was made. */
        expected: z.number().int().min(0),
        manifest: manifestSchema,
      }),
    )
    .min(1)
    .max(20),
  abortManifest: manifestSchema,
  /**
   * The catalog retained on the channel when the rollout started (another version): its chunks
   * are cleared from the broker (retained empty payloads) once the rollout completed.
   */
  supersedes: z
    .strictObject({
      version: z.string().refine(isSegment),
      chunks: z.number().int().min(0).max(10_000),
    })
    .optional(),
  /** Abort when failed / (applied + failed + pending) exceeds this (0-1). */
  abortOnFailures: z.number().min(0).max(1),
  /** The next wave starts when applied / (applied + failed + pending) reaches this (0-1). */
  advanceAt: z.number().gt(0).max(1),
  minWaveMs: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400_000),
});
export type RolloutPlan = z.infer<typeof rolloutPlanSchema>;

/** Checks that the plan's manifests belong together; returns a reason, or undefined when they do. */
export function planProblem(p: RolloutPlan): string | undefined {
  const version = p.waves[0]?.manifest.version;
  let below = -1;
  for (const [i, w] of p.waves.entries()) {
    const m = w.manifest;
    if (m.version !== version) return `wave ${i + 1}: version ${m.version}, wave 1 has ${version}`;
    if (m.channel !== p.channel) return `wave ${i + 1}: manifest for channel ${m.channel}`;
    if (!m.audience || m.audience.rollout !== p.id || m.audience.wave !== i)
      return `wave ${i + 1}: its manifest's audience is not wave ${i + 1} of ${p.id}`;
    if (m.audience.below < below) return `wave ${i + 1}: smaller than the wave before it`;
    below = m.audience.below;
  }
  const a = p.abortManifest;
  if (
    a.version !== version ||
    a.channel !== p.channel ||
    a.audience?.rollout !== p.id ||
    a.audience.below !== 0
  )
    return 'the abort manifest must be the same version with an audience of nobody';
  if (p.supersedes?.version === version) return `supersedes ${version}, the version it rolls out`;
  return undefined;
}

export interface RolloutReport {
  id: string;
  channel: string;
  version: string;
  state: RolloutRow['state'];
  reason: string | null;
  /** Current wave (1-based) of how many, and its share of the target. */
  wave: number;
  waves: number;
  percent: number;
  /** Devices of the target (channel, groups or list) in the registry. */
  target: number;
  /** Of the current wave's devices: */
  inWave: number;
  applied: number;
  failed: number;
  /** Failures by code (`delta-base-mismatch`, `bad-signature`, `rolled-back`...). */
  failures: Record<string, number>;
  /** Online, not answered yet. */
  pending: number;
  /** Offline, not answered: they apply it when they come back (the manifest is retained). */
  offline: number;
  failureRatio: number;
  appliedRatio: number;
  /** Up to 50 failed devices with their code, for the operator. */
  failedDevices: { device: string; code: string }[];
  waveStartedAt: string | null;
  createdAt: string;
  createdBy: string;
}

/** The exact counts of a rollout from the registry's devices and catalog events. */
export function rolloutReport(
  row: RolloutRow,
  plan: RolloutPlan,
  devices: readonly ChannelDevice[],
  events: readonly CatalogEventRow[],
): RolloutReport {
  const version = row.version;
  const wave = plan.waves[Math.min(row.wave, plan.waves.length - 1)] as RolloutPlan['waves'][number];
  const audience = wave.manifest.audience as NonNullable<CatalogManifest['audience']>;
  const everyone = { ...audience, below: WAVE_SPACE };
  // the last word of each device on this version
  const outcome = new Map<string, { ok: boolean; code: string }>();
  for (const e of events) {
    const d = e.data;
    if (e.type === 'catalog-applied' && d.version === version)
      outcome.set(e.device, { ok: true, code: 'applied' });
    else if (e.type === 'catalog-refused' && d.version === version)
      outcome.set(e.device, {
        ok: false,
        code: typeof d.code === 'string' ? d.code.slice(0, 40) : 'refused',
      });
    else if (e.type === 'catalog-rolled-back' && d.from === version)
      outcome.set(e.device, { ok: false, code: 'rolled-back' });
  }
  let target = 0;
  const r = { inWave: 0, applied: 0, failed: 0, pending: 0, offline: 0 };
  const failures: Record<string, number> = {};
  const failedDevices: { device: string; code: string }[] = [];
  for (const d of devices) {
    if (!inAudience(everyone, d.device, d.groups)) continue;
    target++;
    if (!inAudience(audience, d.device, d.groups)) continue;
    r.inWave++;
    const o = outcome.get(d.device);
    if ((d.catalogVersion === version && o?.code !== 'rolled-back') || o?.ok) r.applied++;
    else if (o) {
      r.failed++;
      failures[o.code] = (failures[o.code] ?? 0) + 1;
      if (failedDevices.length < 50) failedDevices.push({ device: d.device, code: o.code });
    } else if (d.state === 'online') r.pending++;
    else r.offline++;
  }
  const considered = r.applied + r.failed + r.pending;
  return {
    id: row.id,
    channel: row.channel,
    version,
    state: row.state,
    reason: row.reason,
    wave: row.wave + 1,
    waves: plan.waves.length,
    percent: wave.percent,
    target,
    ...r,
    failures,
    failureRatio: considered === 0 ? 0 : r.failed / considered,
    appliedRatio: considered === 0 ? 1 : r.applied / considered,
    failedDevices,
    waveStartedAt: row.waveStartedAt === null ? null : new Date(row.waveStartedAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
    createdBy: row.createdBy,
  };
}

/** What the engine does next with a running rollout, from its report. */
export function nextStep(
  row: RolloutRow,
  plan: RolloutPlan,
  report: RolloutReport,
  now: number,
): { kind: 'wait' } | { kind: 'abort'; reason: string } | { kind: 'advance' } | { kind: 'complete' } {
  if (report.failureRatio > plan.abortOnFailures)
    return {
      kind: 'abort',
      reason: `${report.failed} of ${report.applied + report.failed + report.pending} devices of wave ${report.wave} failed (${pct(report.failureRatio)} > ${pct(plan.abortOnFailures)}): ${Object.entries(
        report.failures,
      )
        .map(([c, n]) => `${c} ×${n}`)
        .join(', ')}`,
    };
  const last = row.wave >= plan.waves.length - 1;
  if (last) return report.pending === 0 ? { kind: 'complete' } : { kind: 'wait' };
  const waited = now - (row.waveStartedAt ?? now);
  return report.appliedRatio >= plan.advanceAt && waited >= plan.minWaveMs
    ? { kind: 'advance' }
    : { kind: 'wait' };
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

/**
 * The hash cut of each wave, so that wave i holds exactly ceil(p_i × N) of the N devices the
 * registry knows (devices that appear later fall in by the same hash).
 */
export function waveCuts(rollout: string, devices: readonly string[], percents: readonly number[]) {
  const hashes = devices.map((d) => waveHash(rollout, d)).sort((a, b) => a - b);
  return percents.map((p) => {
    const k = Math.min(hashes.length, Math.max(1, Math.ceil((p / 100) * hashes.length)));
    return { percent: p, expected: k, below: k >= hashes.length ? WAVE_SPACE : (hashes[k] as number) };
  });
}
