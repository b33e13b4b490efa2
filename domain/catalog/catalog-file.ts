import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';
import { checkTemplate, type FormTemplate } from '../forms/form-template.js';
import { catalogVersionField } from './catalog-version.js';
import { runInSlices } from '../../runtime/steps.js';
import { decodeDeltaLog, materializeSteps } from './catalog-deltas.js';
import { CatalogError } from './catalog-error.js';
import type { CatalogFile } from './procedure.js';

export { CatalogError } from './catalog-error.js';

const method = z.strictObject({
  method: z.string(),
  processingTime: z.string(),
  fee: z.string(),
  note: z.string().optional(),
  processingTimeValue: z.number().optional(),
  processingTimeUnit: z.string().optional(),
  feeAmount: z.number().optional(),
});

const document = z.strictObject({
  name: z.string(),
  originals: z.number().int().min(0).optional(),
  copies: z.number().int().min(0).optional(),
  group: z.string().optional(),
});

const legalDocument = z.strictObject({
  number: z.string(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
    .optional(),
  title: z.string(),
});

/** Catalogs built before the legal basis was parsed hold "title (number)" strings. */
const legacyLegalDocument = z.string().transform((s) => {
  const m = /^(.*) \(([^()]+)\)$/su.exec(s);
  return m ? { number: m[2] ?? '', title: m[1] ?? '' } : { number: '', title: s };
});

/** One procedure of a catalog file. */
export const procedureSchema = z.strictObject({
  code: z.string().min(1),
  name: z.string().min(1),
  field: z.string(),
  levels: z.array(z.string()),
  agency: z.string(),
  where: z.string(),
  steps: z.array(z.string()),
  methods: z.array(method),
  documents: z.array(document),
  conditions: z.string(),
  result: z.string(),
  legalBasis: z.array(z.union([legalDocument, legacyLegalDocument])),
  url: z.string(),
});

const catalogSchema = z.strictObject({
  format: z.literal('smart-kiosk-catalog'),
  version: catalogVersionField,
  createdAt: z.string(),
  source: z.string().optional(),
  procedures: z.array(procedureSchema),
  /** E-form templates delivered with the catalog (same signature and atomic install). */
  forms: z.array(z.unknown()).optional(),
});

/** The whole catalog file's shape. */
export { catalogSchema };

/** Parses and validates catalog JSON text; throws CatalogError listing every problem. */
export function parseCatalog(text: string, file = 'catalog'): CatalogFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new CatalogError(
      file,
      [`not valid JSON (${err instanceof Error ? err.message : String(err)})`],
      'Rebuild it with `kiosk catalog import --portal FILE.jsonl --out CATALOG`.',
    );
  }
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CatalogError(
      file,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      'The file is not a smart-kiosk catalog; rebuild it with `kiosk catalog import`.',
    );
  }
  return checkedCatalog(parsed.data, file);
}

/** The checks beyond the shape: each code once, the form templates valid. */
export function checkedCatalog(data: z.infer<typeof catalogSchema>, file: string): CatalogFile {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const p of data.procedures) {
    if (seen.has(p.code)) dups.push(`procedures: duplicate code "${p.code}"`);
    seen.add(p.code);
  }
  if (dups.length > 0) throw new CatalogError(file, dups, 'Each procedure code must appear once.');
  const { forms: rawForms, ...rest } = data;
  if (rawForms === undefined) return rest;
  const forms: FormTemplate[] = [];
  const formProblems: string[] = [];
  rawForms.forEach((raw, i) => {
    const checked = checkTemplate(raw);
    if (checked.template) forms.push(checked.template);
    else formProblems.push(...checked.problems.map((p) => `forms.${i}.${p}`));
  });
  if (formProblems.length > 0)
    throw new CatalogError(
      file,
      formProblems,
      'Fix the form templates (see data/forms/) and rebuild the catalog.',
    );
  return { ...rest, forms };
}

/** Reads a catalog file (`.json` or gzip-compressed `.json.gz`) and validates it. */
export async function readCatalogFile(path: string): Promise<CatalogFile> {
  return (await readCatalogSource(path)).catalog;
}

/** A catalog read from a file, with the sha256 (hex) of the file's bytes (what a saved index is keyed by). */
export interface CatalogSource {
  catalog: CatalogFile;
  sha256: string;
}

/** Reads and validates a catalog file, hashing its bytes as read. */
export async function readCatalogSource(path: string): Promise<CatalogSource> {
  const { file, json } = await readCatalogBytes(path);
  return {
    catalog: parseCatalog(json.toString('utf8'), path),
    sha256: createHash('sha256').update(file).digest('hex'),
  };
}

/**
 * A catalog file's bytes and its JSON (unzipped when gzip, in the thread pool), with the deltas
 * logged beside it applied (`PATH.deltas`: both are then the bytes of the catalog they make);
 * CatalogError when unreadable.
 */
export async function readCatalogBytes(path: string): Promise<{ file: Buffer; json: Buffer }> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (err) {
    throw new CatalogError(
      path,
      [`cannot read (${err instanceof Error ? err.message : String(err)})`],
      'Check `catalog.file` in the config (empty = the catalog shipped with the kiosk), or build one with `kiosk catalog import`.',
    );
  }
  const isGzip = file.length > 2 && file[0] === 0x1f && file[1] === 0x8b;
  let json: Buffer;
  try {
    json = isGzip ? await gunzipAsync(file) : file;
  } catch (err) {
    throw new CatalogError(
      path,
      [`corrupt gzip data (${err instanceof Error ? err.message : String(err)})`],
      'Copy the catalog again or rebuild it with `kiosk catalog import`.',
    );
  }
  const log = await readFile(deltaLogPath(path)).catch(() => undefined);
  if (!log || log.length === 0) return { file, json };
  // A fleet catalog updated by deltas: the file is their base (catalog-deltas.ts)
  const { bytes } = await runInSlices(materializeSteps(json, decodeDeltaLog(log).records));
  return { file: bytes, json: bytes };
}

/** Where the deltas applied over a catalog file are logged (fleet updates; see catalog-deltas.ts). */
export function deltaLogPath(path: string): string {
  return `${path}.deltas`;
}

const gunzipAsync = promisify(gunzip);
