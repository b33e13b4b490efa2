import { createHash } from 'node:crypto';
import { runNow, sha256Steps, type Steps } from '../../runtime/steps.js';
import { CatalogError } from './catalog-error.js';
import { procedureSpansSteps, type ProcedureSpans } from './catalog-spans.js';
import type { Procedure } from './procedure.js';

/**
 * Changes between two catalog versions: the new file's top-level fields, its procedure order (by
 * code), and only the procedures that are new or changed. Applying it to the base reproduces the
 * new file exactly (compact JSON), so its sha256 can be checked against the signed manifest.
 */
export interface CatalogDelta {
  format: 'smart-kiosk-catalog-delta';
  baseVersion: string;
  version: string;
  /** Every top-level field of the new file except `procedures`, in the file's order. */
  header: Record<string, unknown>;
  order: string[];
  upsert: Procedure[];
}

/**
 * One applied delta in a catalog's delta log (`catalog.json.deltas`): the catalog file is its base
 * plus the deltas after it, each naming the file it applies to and the file it makes (sha256 of
 * their bytes, as signed in the manifest).
 */
export interface DeltaRecord {
  version: string;
  sha256: string;
  baseVersion: string;
  baseSha256: string;
  appliedAt: string;
  delta: CatalogDelta;
}

/**
 * The log is one line per record: the sha256 of the record's JSON, a space, the JSON. A line cut
 * short by a power cut or a kill, or one whose checksum does not match, ends the log: the records
 * before it stand, so a reader sees the catalog before the append or after it, never a mix.
 */
export function encodeDeltaRecord(record: DeltaRecord): Buffer {
  const json = JSON.stringify(record);
  return Buffer.from(`${createHash('sha256').update(json).digest('hex')} ${json}\n`, 'utf8');
}

/**
 * The whole records at the start of a delta log, where each ends (one past its newline) and how
 * many bytes they take (the rest is a torn tail).
 */
export function decodeDeltaLog(bytes: Buffer): {
  records: DeltaRecord[];
  ends: number[];
  validBytes: number;
} {
  const records: DeltaRecord[] = [];
  const ends: number[] = [];
  let at = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) break;
    const line = bytes.toString('utf8', at, end);
    const json = line.slice(65);
    if (line[64] !== ' ' || createHash('sha256').update(json).digest('hex') !== line.slice(0, 64)) break;
    let record: DeltaRecord;
    try {
      record = JSON.parse(json) as DeltaRecord;
    } catch {
      break;
    }
    if (!isRecord(record)) break;
    records.push(record);
    at = end + 1;
    ends.push(at);
  }
  return { records, ends, validBytes: at };
}

function isRecord(r: DeltaRecord): boolean {
  const text = (v: unknown) => typeof v === 'string' && v.length > 0;
  return (
    typeof r === 'object' &&
    r !== null &&
    text(r.version) &&
    text(r.sha256) &&
    text(r.baseVersion) &&
    text(r.baseSha256) &&
    typeof r.delta === 'object' &&
    r.delta !== null &&
    Array.isArray(r.delta.order) &&
    Array.isArray(r.delta.upsert)
  );
}

/**
 * The records that follow on from the base file whose sha256 is `baseSha256`: the first applies
 * to it, each next one to the one before. A log left from an older base (a full install replaced
 * the file before the log was removed) has none.
 */
export function chainFrom(baseSha256: string, records: readonly DeltaRecord[]): DeltaRecord[] {
  const out: DeltaRecord[] = [];
  let sha = baseSha256;
  for (const r of records) {
    if (r.baseSha256 !== sha) break;
    out.push(r);
    sha = r.sha256;
  }
  return out;
}

/**
 * The bytes of `delta` applied to a catalog file's bytes, and where each procedure lies in them:
 * the procedures it keeps copied byte for byte (`spans`, `at`: code → procedure number in
 * `current`), its header and the procedures it brings serialised compactly, as the publisher's
 * file is. CatalogError for an order naming a code twice; TypeError for a code neither in the
 * base nor in the delta.
 */
export function deltaTargetBytes(
  current: Buffer,
  spans: ProcedureSpans,
  at: ReadonlyMap<string, number>,
  delta: CatalogDelta,
): { bytes: Buffer; spans: ProcedureSpans } {
  const upserted = new Map<string, Procedure>();
  for (const raw of delta.upsert) upserted.set(raw.code, raw);
  const head = JSON.stringify(delta.header);
  const parts: Buffer[] = [
    Buffer.from(head === '{}' ? '{"procedures":[' : `${head.slice(0, -1)},"procedures":[`),
  ];
  const arrayStart = (parts[0] as Buffer).length - 1;
  const starts = new Int32Array(delta.order.length);
  const ends = new Int32Array(delta.order.length);
  let length = arrayStart + 1;
  const seen = new Set<string>();
  delta.order.forEach((code, n) => {
    if (seen.has(code))
      throw new CatalogError(
        'delta',
        [`order: duplicate code "${code}"`],
        'Each procedure code must appear once.',
      );
    seen.add(code);
    if (n > 0) {
      parts.push(COMMA);
      length++;
    }
    const up = upserted.get(code);
    const i = at.get(code);
    let part: Buffer;
    if (up) part = Buffer.from(JSON.stringify(up), 'utf8');
    else if (i !== undefined) part = current.subarray(spans.starts[i], spans.ends[i]);
    else throw new TypeError(`delta: procedure ${code} is neither in the base nor in the delta`);
    parts.push(part);
    starts[n] = length;
    length += part.length;
    ends[n] = length;
  });
  parts.push(END);
  return { bytes: Buffer.concat(parts), spans: { starts, ends, arrayStart, arrayEnd: length + 1 } };
}

const COMMA = Buffer.from(',');
const END = Buffer.from(']}');
/** How the kiosk's compact files begin a procedure: its code is read from there without parsing it. */
const CODE_HEAD = /^\{"code":("(?:[^"\\]|\\.){1,200}")/;

/** Each procedure's code in file order (read from the span's start; parsed when not compact). */
function* codesOf(bytes: Buffer, spans: ProcedureSpans): Steps<Map<string, number>> {
  const at = new Map<string, number>();
  for (let i = 0; i < spans.starts.length; i++) {
    const start = spans.starts[i] as number;
    const head = CODE_HEAD.exec(
      bytes.toString('utf8', start, Math.min(start + 240, spans.ends[i] as number)),
    );
    const code = head
      ? (JSON.parse(head[1] as string) as string)
      : (JSON.parse(bytes.toString('utf8', start, spans.ends[i])) as { code?: unknown }).code;
    if (typeof code === 'string') at.set(code, i);
    if (i % 256 === 255) yield;
  }
  return at;
}

/** A catalog file with the deltas of its log applied, as far as they hold. */
export interface Materialized {
  bytes: Buffer;
  sha256: string;
  /** The records applied (a record whose result is not its signed sha256 ends the chain). */
  applied: DeltaRecord[];
  /** The catalog before the last applied record (undefined when none was applied). */
  before?: { bytes: Buffer; sha256: string };
}

/**
 * Applies the records that follow on from `base` (see chainFrom), checking each result's sha256
 * against the record's: what the kiosk serves is always a file the fleet signed.
 */
export function* materializeSteps(
  base: Buffer,
  records: readonly DeltaRecord[],
  /**
   * `records` were checked against their base when logged and chained by sha256 (chainFrom): the
   * results are not hashed again (an update, whose own result is checked against its signature).
   */
  trusted = false,
): Steps<Materialized> {
  let bytes = base;
  let sha = trusted ? (records[0]?.baseSha256 ?? '') : yield* sha256Steps(base);
  const applied: DeltaRecord[] = [];
  let before: Materialized['before'];
  let spans: ProcedureSpans | undefined;
  let at: Map<string, number> | undefined;
  for (const r of records) {
    if (r.baseSha256 !== sha) break;
    // the base is scanned once; each delta's result says where its procedures lie
    spans ??= yield* procedureSpansSteps(bytes);
    if (!spans) break;
    at ??= yield* codesOf(bytes, spans);
    let next: { bytes: Buffer; spans: ProcedureSpans };
    try {
      next = deltaTargetBytes(bytes, spans, at, r.delta);
    } catch {
      break;
    }
    const nextSha = trusted ? r.sha256 : yield* sha256Steps(next.bytes);
    if (nextSha !== r.sha256) break;
    before = { bytes, sha256: sha };
    bytes = next.bytes;
    sha = nextSha;
    spans = next.spans;
    at = new Map(r.delta.order.map((code, i) => [code, i]));
    applied.push(r);
  }
  return { bytes, sha256: sha, applied, ...(before ? { before } : {}) };
}

/** materializeSteps at once (tests, the CLI). */
export function materialize(base: Buffer, records: readonly DeltaRecord[]): Materialized {
  return runNow(materializeSteps(base, records));
}
