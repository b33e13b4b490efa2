import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { nextCatalogVersion } from './catalog-version.js';
import {
  cleanText,
  parseDocuments,
  parseLevels,
  parseMethods,
  parseResult,
  parseSteps,
} from './portal-tables.js';
import { parseLegalBasis } from './legal-basis.js';
import type { CatalogFile, Procedure } from './procedure.js';

/** Which procedures to keep: commune level ("Cấp xã" alone or in a list) or all. */
export type ImportLevel = 'xa' | 'all';

export interface LineError {
  line: number;
  message: string;
}

/** What an import did: counts, fields it could not parse, and malformed lines (skipped). */
export interface ImportReport {
  lines: number;
  imported: number;
  /** Valid records left out by the level filter. */
  filtered: number;
  /** Lines that are not a usable record (bad JSON, missing code/name, duplicate code). */
  errors: LineError[];
  /** Field → number of imported records where part of it could not be parsed. */
  fieldProblems: Record<string, number>;
  /** Up to `maxDetails` examples of field problems, with their line. */
  problemDetails: LineError[];
}

export interface ImportProgress {
  line: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOptions {
  level: ImportLevel;
  /** Called about every 200 lines and at the end. */
  onProgress?: (p: ImportProgress) => void;
  /** Version of the catalog this replaces (so the new one is higher). */
  previousVersion?: string;
  now?: Date;
  maxDetails?: number;
}

const STRING_FIELDS = [
  'ma_thu_tuc',
  'ten_thu_tuc',
  'cap_thuc_hien',
  'linh_vuc',
  'co_quan_thuc_hien',
  'co_quan_co_tham_quyen',
  'dia_chi_tiep_nhan',
  'trinh_tu_thuc_hien',
  'cach_thuc_thuc_hien',
  'thanh_phan_ho_so',
  'can_cu_phap_ly',
  'yeu_cau_dieu_kien',
  'ket_qua_xu_ly',
  'detail_url',
] as const;

type PortalRecord = Record<(typeof STRING_FIELDS)[number], string>;

/** Checks one decoded line; returns the record or why it is unusable. */
function asPortalRecord(value: unknown): PortalRecord | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const rec = value as Record<string, unknown>;
  const out: Partial<PortalRecord> = {};
  for (const key of STRING_FIELDS) {
    const v = rec[key];
    if (v === undefined || v === null) out[key] = '';
    else if (typeof v === 'string') out[key] = v;
    else return `field "${key}" must be text, got ${typeof v}`;
  }
  const full = out as PortalRecord;
  if (!/^\d+\.\d{6}$/.test(full.ma_thu_tuc.trim())) {
    return `"ma_thu_tuc" must be a code like "1.004194", got ${JSON.stringify(full.ma_thu_tuc)}`;
  }
  if (!cleanText(full.ten_thu_tuc)) return '"ten_thu_tuc" (name) is empty';
  return full;
}

/** Converts one portal record; `problems` lists the parts that could not be parsed. */
export function convertPortalRecord(rec: PortalRecord): { procedure: Procedure; problems: string[] } {
  const methods = parseMethods(rec.cach_thuc_thuc_hien);
  const documents = parseDocuments(rec.thanh_phan_ho_so);
  const legal = parseLegalBasis(rec.can_cu_phap_ly);
  const conditions = cleanText(rec.yeu_cau_dieu_kien);
  const procedure: Procedure = {
    code: rec.ma_thu_tuc.trim(),
    name: cleanText(rec.ten_thu_tuc),
    field: cleanText(rec.linh_vuc),
    levels: parseLevels(rec.cap_thuc_hien),
    agency: cleanText(rec.co_quan_thuc_hien) || cleanText(rec.co_quan_co_tham_quyen),
    where: cleanText(rec.dia_chi_tiep_nhan),
    steps: parseSteps(rec.trinh_tu_thuc_hien),
    methods: methods.value,
    documents: documents.value,
    conditions: /^không\.?$/i.test(conditions) ? '' : conditions,
    result: parseResult(rec.ket_qua_xu_ly),
    legalBasis: legal.value,
    url: cleanText(rec.detail_url),
  };
  return { procedure, problems: [...methods.problems, ...documents.problems, ...legal.problems] };
}

/** Imports portal records from JSONL text lines (any iterable of lines). Never throws on bad lines. */
export async function importPortalLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions & { totalBytes?: number },
): Promise<{ catalog: CatalogFile; report: ImportReport }> {
  const maxDetails = options.maxDetails ?? 50;
  const report: ImportReport = {
    lines: 0,
    imported: 0,
    filtered: 0,
    errors: [],
    fieldProblems: {},
    problemDetails: [],
  };
  const procedures: Procedure[] = [];
  const seen = new Set<string>();
  let bytesRead = 0;
  for await (const line of lines) {
    report.lines++;
    bytesRead += Buffer.byteLength(line) + 1;
    if (report.lines % 200 === 0) {
      options.onProgress?.({ line: report.lines, bytesRead, totalBytes: options.totalBytes ?? 0 });
    }
    if (line.trim() === '') continue;
    let decoded: unknown;
    try {
      decoded = JSON.parse(line);
    } catch (err) {
      report.errors.push({ line: report.lines, message: `invalid JSON (${(err as Error).message})` });
      continue;
    }
    const rec = asPortalRecord(decoded);
    if (typeof rec === 'string') {
      report.errors.push({ line: report.lines, message: rec });
      continue;
    }
    const { procedure, problems } = convertPortalRecord(rec);
    if (options.level === 'xa' && !procedure.levels.includes('xa')) {
      report.filtered++;
      continue;
    }
    if (seen.has(procedure.code)) {
      report.errors.push({
        line: report.lines,
        message: `duplicate code ${procedure.code} (first one kept)`,
      });
      continue;
    }
    seen.add(procedure.code);
    procedures.push(procedure);
    report.imported++;
    for (const problem of problems) {
      const field = problem.slice(0, problem.indexOf(':'));
      report.fieldProblems[field] = (report.fieldProblems[field] ?? 0) + 1;
      if (report.problemDetails.length < maxDetails) {
        report.problemDetails.push({ line: report.lines, message: `${procedure.code}: ${problem}` });
      }
    }
  }
  options.onProgress?.({ line: report.lines, bytesRead, totalBytes: options.totalBytes ?? bytesRead });
  const now = options.now ?? new Date();
  const catalog: CatalogFile = {
    format: 'smart-kiosk-catalog',
    version: nextCatalogVersion(now, options.previousVersion),
    createdAt: now.toISOString(),
    source: `National Public Service Portal (level ${options.level})`,
    procedures: procedures.sort((a, b) => a.code.localeCompare(b.code)),
  };
  return { catalog, report };
}

/** Streams a portal JSONL file into a catalog. */
export async function importPortalFile(
  path: string,
  options: ImportOptions,
): Promise<{ catalog: CatalogFile; report: ImportReport }> {
  const totalBytes = (await stat(path)).size;
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  return importPortalLines(rl, { ...options, totalBytes });
}
