import { sha256Steps, type Steps } from '../../runtime/steps.js';
import { deltaTargetBytes } from '../catalog/catalog-deltas.js';
import { parseCatalog } from '../catalog/catalog-file.js';
import { procedureSpansSteps } from '../catalog/catalog-spans.js';
import type { CatalogFile, Procedure } from '../catalog/procedure.js';
import type { CatalogDelta } from './catalog-manifest.js';

/** The catalog the kiosk runs: validated procedures and the sha256 of the file they were read from. */
export interface RunningCatalog {
  catalog: CatalogFile;
  sha256?: string;
}

/** A catalog ready to install: its file bytes and the same catalog validated, for the running kiosk. */
export interface AppliedCatalog {
  target: Buffer;
  catalog: CatalogFile;
}

/**
 * Applies a delta without reading the whole catalog again: the procedures it keeps are copied
 * byte for byte from the installed file (`current`, the base the running catalog was read from)
 * and taken as they are from the running catalog; only the header and the procedures the delta
 * brings are validated and serialised. Returns undefined when this shortcut does not fit (the
 * running catalog is not the delta's base, the file is not shaped as expected, or the result is
 * not the signed file): the caller then takes the whole-file way, which says what is wrong.
 */
export function* applyDeltaSteps(
  running: RunningCatalog | undefined,
  current: Buffer | undefined,
  delta: CatalogDelta,
  baseSha256: string | undefined,
  targetSha256: string,
): Steps<AppliedCatalog | undefined> {
  if (!running || !current || running.sha256 !== baseSha256 || running.catalog.version !== delta.baseVersion)
    return undefined;
  if (typeof delta.header !== 'object' || delta.header === null || 'procedures' in delta.header)
    return undefined;
  const spans = yield* procedureSpansSteps(current);
  const base = running.catalog.procedures;
  if (!spans || spans.starts.length !== base.length) return undefined;
  // Validated the way a file load would: the header and the procedures the delta brings.
  const validated = parseCatalog(JSON.stringify({ ...delta.header, procedures: delta.upsert }), 'delta');
  const upserted = new Map<string, Procedure>();
  delta.upsert.forEach((raw, i) => upserted.set(raw.code, validated.procedures[i] as Procedure));
  const at = new Map<string, number>();
  base.forEach((p, i) => at.set(p.code, i));
  const target = deltaTargetBytes(current, spans, at, delta).bytes;
  const procedures = delta.order.map(
    (code) => upserted.get(code) ?? (base[at.get(code) as number] as Procedure),
  );
  if ((yield* sha256Steps(target)) !== targetSha256) return undefined;
  return { target, catalog: { ...validated, procedures } };
}
