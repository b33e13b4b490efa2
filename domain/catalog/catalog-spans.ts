/**
 * Where each procedure lies in a catalog file's bytes (compact or not): a catalog update copies
 * the procedures it keeps byte for byte instead of serialising the whole catalog again. A small
 * JSON scanner: strings are skipped with indexOf, only brackets outside strings are counted.
 */
export interface ProcedureSpans {
  /** Per procedure (file order): its first byte and one past its last. */
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const KEY = Buffer.from('"procedures"');

/** The spans of the top-level `procedures` array's elements; undefined when the bytes are not shaped so. */
export function procedureSpans(bytes: Buffer): ProcedureSpans | undefined {
  let depth = 0;
  let i = 0;
  let inArray = false;
  let lastKeyAt = -1;
  let lastKeyEnd = -1;
  const starts: number[] = [];
  const ends: number[] = [];
  while (i < bytes.length) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      const end = stringEnd(bytes, i);
      if (end < 0) return undefined;
      if (depth === 1) {
        lastKeyAt = i;
        lastKeyEnd = end;
      }
      i = end;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (inArray && depth === 2 && c === OPEN_OBJECT) starts.push(i);
      if (
        depth === 1 &&
        c === OPEN_ARRAY &&
        lastKeyEnd - lastKeyAt === KEY.length &&
        bytes.subarray(lastKeyAt, lastKeyEnd).equals(KEY)
      )
        inArray = true;
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (inArray && depth === 2 && c === CLOSE_OBJECT) ends.push(i + 1);
      if (inArray && depth === 1) {
        return starts.length === ends.length
          ? { starts: Int32Array.from(starts), ends: Int32Array.from(ends) }
          : undefined;
      }
      if (depth < 0) return undefined;
    }
    i++;
  }
  return undefined;
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
