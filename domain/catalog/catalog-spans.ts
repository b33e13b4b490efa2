import { runNow, type Steps } from '../../runtime/steps.js';

/**
 * Where each procedure lies in a catalog file's bytes (compact or not): a catalog update copies
 * the procedures it keeps byte for byte instead of serialising the whole catalog again, and a
 * large file is parsed one procedure at a time. A small JSON scanner: strings are skipped with
 * indexOf, only brackets outside strings are counted.
 */
export interface ProcedureSpans {
  /** Per procedure (file order): its first byte and one past its last. */
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  /** The `[` and one past the `]` of the procedures array. */
  arrayStart: number;
  arrayEnd: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const KEY = Buffer.from('"procedures"');
/** Bytes scanned between two pauses. */
const SLICE_BYTES = 1 << 19;

/** Where a scan stands (the loop lives in a plain function: V8 optimises it, not a generator's). */
class Scan {
  depth = 0;
  at = 0;
  arrayStart = -1;
  lastKeyAt = -1;
  lastKeyEnd = -1;
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Set when the scan ended: the spans, or null when the bytes are not shaped so. */
  result: ProcedureSpans | null | undefined;

  constructor(readonly bytes: Buffer) {}
}

function scanUntil(s: Scan, until: number): void {
  const bytes = s.bytes;
  const stop = Math.min(until, bytes.length);
  let i = s.at;
  while (i < stop) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      const end = stringEnd(bytes, i);
      if (end < 0) {
        s.result = null;
        return;
      }
      if (s.depth === 1) {
        s.lastKeyAt = i;
        s.lastKeyEnd = end;
      }
      i = end;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (s.arrayStart >= 0 && s.depth === 2 && c === OPEN_OBJECT) s.starts.push(i);
      if (
        s.depth === 1 &&
        c === OPEN_ARRAY &&
        s.lastKeyEnd - s.lastKeyAt === KEY.length &&
        bytes.subarray(s.lastKeyAt, s.lastKeyEnd).equals(KEY)
      )
        s.arrayStart = i;
      s.depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      s.depth--;
      if (s.arrayStart >= 0 && s.depth === 2 && c === CLOSE_OBJECT) s.ends.push(i + 1);
      if (s.arrayStart >= 0 && s.depth === 1) {
        s.result =
          s.starts.length === s.ends.length
            ? {
                starts: Int32Array.from(s.starts),
                ends: Int32Array.from(s.ends),
                arrayStart: s.arrayStart,
                arrayEnd: i + 1,
              }
            : null;
        return;
      }
      if (s.depth < 0) {
        s.result = null;
        return;
      }
    }
    i++;
  }
  s.at = i;
  if (i >= bytes.length) s.result = null;
}

/** The spans of the top-level `procedures` array's elements, step by step; undefined when not shaped so. */
export function* procedureSpansSteps(bytes: Buffer): Steps<ProcedureSpans | undefined> {
  const s = new Scan(bytes);
  while (s.result === undefined) {
    scanUntil(s, s.at + SLICE_BYTES);
    yield;
  }
  return s.result ?? undefined;
}

/** The spans at once (see procedureSpansSteps). */
export function procedureSpans(bytes: Buffer): ProcedureSpans | undefined {
  return runNow(procedureSpansSteps(bytes));
}

/** One past the closing quote of the string opening at `at`; -1 when it never closes. */
function stringEnd(bytes: Buffer, at: number): number {
  let from = at + 1;
  for (;;) {
    const q = bytes.indexOf(QUOTE, from);
    if (q < 0) return -1;
    let slashes = 0;
    for (let k = q - 1; k > at && bytes[k] === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}
