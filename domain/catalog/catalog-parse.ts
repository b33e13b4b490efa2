import { runInSlices, sha256Steps, type Steps } from '../../runtime/steps.js';
import {
  catalogSchema,
  CatalogError,
  checkedCatalog,
  parseCatalog,
  procedureSchema,
  readCatalogBytes,
  type CatalogSource,
} from './catalog-file.js';
import { procedureSpansSteps } from './catalog-spans.js';
import type { CatalogFile, Procedure } from './procedure.js';

/** Procedures parsed and validated between two pauses. */
const PROCEDURES_PER_STEP = 8;

/**
 * parseCatalog for a running kiosk: the file is read one procedure at a time (JSON.parse and
 * validation of a 15 MB catalog are a few hundred milliseconds in one block), with the same
 * result and the same CatalogError (every problem by path) as parseCatalog. Bytes the span
 * scanner cannot follow go to parseCatalog, which says what is wrong.
 */
export function* parseCatalogSteps(bytes: Buffer, file = 'catalog'): Steps<CatalogFile> {
  const spans = yield* procedureSpansSteps(bytes);
  if (!spans) return parseCatalog(bytes.toString('utf8'), file);
  let head: unknown;
  try {
    head = JSON.parse(
      Buffer.concat([bytes.subarray(0, spans.arrayStart + 1), bytes.subarray(spans.arrayEnd - 1)]).toString(
        'utf8',
      ),
    );
  } catch {
    return parseCatalog(bytes.toString('utf8'), file);
  }
  const header = catalogSchema.safeParse(head);
  const problems = header.success
    ? []
    : header.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const procedures: Procedure[] = [];
  for (let i = 0; i < spans.starts.length; i++) {
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8', spans.starts[i], spans.ends[i]));
    } catch {
      return parseCatalog(bytes.toString('utf8'), file);
    }
    const p = procedureSchema.safeParse(raw);
    if (p.success) procedures.push(p.data as Procedure);
    else problems.push(...p.error.issues.map((e) => `procedures.${i}.${e.path.join('.')}: ${e.message}`));
    if (i % PROCEDURES_PER_STEP === PROCEDURES_PER_STEP - 1) yield;
  }
  if (problems.length > 0 || !header.success)
    throw new CatalogError(
      file,
      problems,
      'The file is not a smart-kiosk catalog; rebuild it with `kiosk catalog import`.',
    );
  return checkedCatalog({ ...header.data, procedures }, file);
}

/** readCatalogSource in slices that leave the event loop free (the running kiosk). */
export async function readCatalogSourceSliced(path: string): Promise<CatalogSource> {
  const { file, json } = await readCatalogBytes(path);
  const catalog = await runInSlices(parseCatalogSteps(json, path));
  return { catalog, sha256: await runInSlices(sha256Steps(file)) };
}
