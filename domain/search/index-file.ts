import { readFile, readdir, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomically } from '../../runtime/atomic-file.js';
import { runInSlices, runNow, sha256Steps, type Steps } from '../../runtime/steps.js';
import { docCount, type IndexData } from './index-data.js';
import { FIELDS } from './index-fields.js';
import { restoreTerms } from './index-terms.js';
import { PairIds } from './pair-ids.js';

/**
 * The search index saved next to its catalog, so a start reads it instead of building it:
 *
 *   "SKIDX\n\0\0" · header length (u32 LE) · header JSON · sections (4-byte aligned) · sha256
 *
 * The header names the format version and the sha256 of the catalog file it was built from (its
 * key) and where each section lies; the last 32 bytes are the sha256 of everything before them.
 * A file that is absent, damaged, of another format version or for another catalog is not used:
 * readIndexFile says why and the caller builds the index again.
 */

/** Bumped whenever what is saved or how the index is built changes. */
export const INDEX_FORMAT_VERSION = 2;
const MAGIC = Buffer.from('SKIDX\n\0\0', 'latin1');
const FORMAT = 'smart-kiosk-search-index';

type SectionName = 'words' | 'pairs' | 'firstOfTerm' | 'entryDoc' | 'entryInfo' | 'lengths' | 'names';

interface Header {
  format: string;
  version: number;
  /** sha256 (hex) of the catalog file's bytes. */
  catalog: string;
  procedures: number;
  endian: string;
  pairCount: number;
  sections: Record<SectionName, [offset: number, length: number]>;
}

/** Why a saved index was not used. */
export type IndexFileProblem = 'missing' | 'damaged' | 'other-version' | 'other-catalog';

export type IndexFileRead =
  { ok: true; data: IndexData } | { ok: false; problem: IndexFileProblem; reason: string };

/** The saved index's bytes: `data` for the catalog file whose sha256 is `catalogSha256`. */
function encodeUnsealed(data: IndexData, catalogSha256: string): Buffer {
  const pairs = data.terms.pairIds.snapshot();
  const parts: [SectionName, Uint8Array][] = [
    ['words', Buffer.from(data.terms.words.join('\n'), 'utf8')],
    ['pairs', bytesOf(pairs.table)],
    ['firstOfTerm', bytesOf(data.firstOfTerm)],
    ['entryDoc', bytesOf(data.entryDoc)],
    ['entryInfo', bytesOf(data.entryInfo)],
    ['lengths', bytesOf(data.lengths)],
    ['names', Buffer.from(JSON.stringify([data.nameWords, data.nameHeads]), 'utf8')],
  ];
  const sections = {} as Header['sections'];
  let at = 0;
  for (const [name, bytes] of parts) {
    sections[name] = [at, bytes.byteLength];
    at = align(at + bytes.byteLength);
  }
  const header: Header = {
    format: FORMAT,
    version: INDEX_FORMAT_VERSION,
    catalog: catalogSha256,
    procedures: docCount(data),
    endian: endianness(),
    pairCount: pairs.size,
    sections,
  };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyAt = align(MAGIC.length + 4 + head.length);
  const out = Buffer.alloc(bodyAt + at + 32);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(head.length, MAGIC.length);
  head.copy(out, MAGIC.length + 4);
  for (const [name, bytes] of parts) out.set(bytes, bodyAt + sections[name][0]);
  return out;
}

/** Writes the trailing checksum of encoded index bytes (step by step: a portal index is ~15 MB). */
function* sealSteps(out: Buffer): Steps<Buffer> {
  const hex = yield* sha256Steps(out.subarray(0, out.length - 32));
  Buffer.from(hex, 'hex').copy(out, out.length - 32);
  return out;
}

/** The saved index's bytes, checksum included. */
export function encodeIndexFile(data: IndexData, catalogSha256: string): Buffer {
  return runNow(sealSteps(encodeUnsealed(data, catalogSha256)));
}

/** Reads a saved index for the catalog whose file has sha256 `catalogSha256`. Never throws. */
export async function readIndexFile(path: string, catalogSha256: string): Promise<IndexFileRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? { ok: false, problem: 'missing', reason: 'no saved index yet' }
      : { ok: false, problem: 'damaged', reason: `cannot read it (${code ?? String(err)})` };
  }
  try {
    return await runInSlices(decodeSteps(bytes, catalogSha256));
  } catch (err) {
    return { ok: false, problem: 'damaged', reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Decodes saved index bytes; throws an Error saying what is wrong when they are damaged. */
export function decodeIndexFile(bytes: Buffer, catalogSha256: string): IndexFileRead {
  return runNow(decodeSteps(bytes, catalogSha256));
}

function* decodeSteps(bytes: Buffer, catalogSha256: string): Steps<IndexFileRead> {
  if (bytes.length < MAGIC.length + 4 + 32 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a saved search index (no SKIDX mark)');
  const headLength = bytes.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + headLength + 32 > bytes.length) throw new Error('header longer than the file');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headLength)) as Header;
  } catch {
    throw new Error('header is not JSON');
  }
  if (header.format !== FORMAT) throw new Error(`header format is ${String(header.format)}`);
  if (header.version !== INDEX_FORMAT_VERSION || header.endian !== endianness())
    return {
      ok: false,
      problem: 'other-version',
      reason: `saved in format ${String(header.version)} (${String(header.endian)}), this kiosk reads ${INDEX_FORMAT_VERSION} (${endianness()})`,
    };
  if (header.catalog !== catalogSha256)
    return {
      ok: false,
      problem: 'other-catalog',
      reason: `built for catalog ${String(header.catalog).slice(0, 12)}…, the catalog is ${catalogSha256.slice(0, 12)}…`,
    };
  const sum = yield* sha256Steps(bytes.subarray(0, bytes.length - 32));
  if (!Buffer.from(sum, 'hex').equals(bytes.subarray(bytes.length - 32)))
    throw new Error('checksum does not match');
  const bodyAt = align(MAGIC.length + 4 + headLength);
  const section = (name: SectionName): Buffer => {
    const [offset, length] = header.sections[name] ?? [-1, -1];
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0)
      throw new Error(`section ${name} missing`);
    if (bodyAt + offset + length > bytes.length - 32) throw new Error(`section ${name} past the end`);
    return bytes.subarray(bodyAt + offset, bodyAt + offset + length);
  };
  const int32 = (name: SectionName): Int32Array<ArrayBuffer> => {
    const b = section(name);
    if (b.length % 4 !== 0) throw new Error(`section ${name} is not whole 32-bit numbers`);
    const copy = new Int32Array(b.length / 4);
    new Uint8Array(copy.buffer).set(b);
    return copy;
  };
  const words = section('words').toString('utf8').split('\n');
  const table = int32('pairs');
  const slots = table.length / 3;
  if (!Number.isInteger(slots) || slots < 1 || (slots & (slots - 1)) !== 0 || header.pairCount * 2 > slots)
    throw new Error('pair table has a wrong size');
  const data: IndexData = {
    terms: restoreTerms(words, new PairIds(table, header.pairCount)),
    firstOfTerm: int32('firstOfTerm'),
    entryDoc: int32('entryDoc'),
    entryInfo: int32('entryInfo'),
    lengths: int32('lengths'),
    ...names(section('names')),
  };
  yield;
  checkData(data, header.procedures);
  return { ok: true, data };
}

function names(bytes: Buffer): Pick<IndexData, 'nameWords' | 'nameHeads'> {
  const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
  const isLists = (v: unknown): v is string[][] =>
    Array.isArray(v) && v.every((l) => Array.isArray(l) && l.every((w) => typeof w === 'string'));
  if (!Array.isArray(parsed) || !isLists(parsed[0]) || !isLists(parsed[1]))
    throw new Error('section names is not two lists of words');
  return { nameWords: parsed[0], nameHeads: parsed[1] };
}

/** The sections agree with each other (a bad one would make searches read past arrays). */
function checkData(d: IndexData, procedures: number): void {
  const terms = d.terms.size;
  const fail = (what: string): never => {
    throw new Error(`inconsistent index: ${what}`);
  };
  if (d.lengths.length !== procedures * FIELDS.length) fail('field lengths');
  if (d.nameWords.length !== procedures || d.nameHeads.length !== procedures) fail('name words');
  if (d.entryInfo.length !== d.entryDoc.length) fail('entry columns');
  if (d.firstOfTerm.length !== terms + 1) fail('term count');
  if (d.firstOfTerm[0] !== 0 || d.firstOfTerm[terms] !== d.entryDoc.length) fail('entry ranges');
  for (let t = 0; t < terms; t++) {
    const start = d.firstOfTerm[t] as number;
    const end = d.firstOfTerm[t + 1] as number;
    if (end < start) fail(`entries of term ${t}`);
    let last = -1;
    for (let e = start; e < end; e++) {
      const doc = d.entryDoc[e] as number;
      const info = d.entryInfo[e] as number;
      // within a term: procedures in order (searches look them up by binary search)
      if (doc < last || doc >= procedures || info < 8 || (info & 7) >= FIELDS.length) fail(`entry ${e}`);
      last = doc;
    }
  }
}

/**
 * Saves the index of the catalog file with sha256 `catalogSha256` at `path` (atomically), and
 * removes temporary files an interrupted save left there.
 */
export async function writeIndexFile(path: string, data: IndexData, catalogSha256: string): Promise<void> {
  const bytes = await runInSlices(sealSteps(encodeUnsealed(data, catalogSha256)));
  const stale = `${basename(path)}.tmp-`;
  const dir = dirname(path);
  for (const name of await readdir(dir).catch(() => [] as string[]))
    if (name.startsWith(stale)) await rm(join(dir, name), { force: true });
  await writeFileAtomically(path, bytes);
}

function bytesOf(a: Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function align(n: number): number {
  return (n + 3) & ~3;
}
