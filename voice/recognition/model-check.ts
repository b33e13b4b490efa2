import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Vosk model folders come in two layouts: "v2" (am/, conf/, graph/, ivector/; e.g.
 * vosk-model-small-en-us-0.15) and "v1", everything at the top (final.mdl, mfcc.conf, Gr.fst, ...;
 * e.g. vosk-model-small-vn-0.4).
 */
export type ModelLayout = 'v1' | 'v2';

export interface ModelReport {
  dir: string;
  layout: ModelLayout | undefined;
  /** Required files that are absent, relative to `dir`. */
  missing: string[];
  /** Required files present but empty or a Git LFS pointer (a download that did not finish). */
  damaged: string[];
  ok: boolean;
  /** Total size in bytes of the files in the folder. */
  bytes: number;
}

const IVECTOR = [
  'final.dubm',
  'final.ie',
  'final.mat',
  'global_cmvn.stats',
  'online_cmvn.conf',
  'splice.conf',
];

function required(layout: ModelLayout): (string | string[])[] {
  // A string is one required file; an array is a set of alternatives (either graph form).
  if (layout === 'v2') {
    return [
      'am/final.mdl',
      'conf/mfcc.conf',
      'conf/model.conf',
      ['graph/HCLG.fst', 'graph/HCLr.fst+graph/Gr.fst'],
      'graph/phones/word_boundary.int',
      ...IVECTOR.map((f) => `ivector/${f}`),
    ];
  }
  return [
    'final.mdl',
    'mfcc.conf',
    ['HCLG.fst', 'HCLr.fst+Gr.fst'],
    'word_boundary.int',
    ...IVECTOR.map((f) => `ivector/${f}`),
  ];
}

function damagedFile(path: string): boolean {
  const st = statSync(path);
  if (st.size === 0) return true;
  if (st.size > 200) return false;
  return readFileSync(path, 'utf8').startsWith('version https://git-lfs');
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : entry.isFile() ? statSync(path).size : 0;
  }
  return total;
}

/** Which layout a folder uses, or undefined when it does not look like a Vosk model at all. */
export function detectLayout(dir: string): ModelLayout | undefined {
  if (['am', 'conf', 'graph'].some((d) => existsSync(join(dir, d)))) return 'v2';
  if (['final.mdl', 'mfcc.conf', 'Gr.fst', 'HCLG.fst', 'ivector'].some((f) => existsSync(join(dir, f))))
    return 'v1';
  return undefined;
}

/** Checks that a Vosk model folder has every file the recognizer needs. Reads no model data. */
export function checkVoskModel(dir: string): ModelReport {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { dir, layout: undefined, missing: ['(the folder itself)'], damaged: [], ok: false, bytes: 0 };
  }
  const layout = detectLayout(dir);
  if (!layout) {
    return {
      dir,
      layout,
      missing: ['am/final.mdl', 'conf/', 'graph/', 'ivector/ (no Vosk model files found)'],
      damaged: [],
      ok: false,
      bytes: folderBytes(dir),
    };
  }
  const missing: string[] = [];
  const damaged: string[] = [];
  for (const need of required(layout)) {
    const options = Array.isArray(need) ? need : [need];
    const sets = options.map((o) => o.split('+'));
    const complete = sets.find((files) => files.every((f) => existsSync(join(dir, f))));
    if (!complete) {
      // Name the files of the alternative that is closest to complete (most files present).
      const best = [...sets].sort(
        (a, b) =>
          b.filter((f) => existsSync(join(dir, f))).length - a.filter((f) => existsSync(join(dir, f))).length,
      )[0];
      const closest =
        best && best.some((f) => existsSync(join(dir, f))) ? best : (sets[sets.length - 1] ?? []);
      missing.push(...closest.filter((f) => !existsSync(join(dir, f))));
      continue;
    }
    damaged.push(...complete.filter((f) => damagedFile(join(dir, f))));
  }
  return {
    dir,
    layout,
    missing,
    damaged,
    ok: missing.length === 0 && damaged.length === 0,
    bytes: folderBytes(dir),
  };
}

/** A readable account of what is wrong, one file a line. */
export function describeReport(report: ModelReport): string {
  if (report.ok) return `${report.dir}: complete Vosk model (${report.layout} layout)`;
  const lines = [`${report.dir} is not a complete Vosk model:`];
  for (const f of report.missing) lines.push(`  missing: ${f}`);
  for (const f of report.damaged) lines.push(`  empty or not downloaded (Git LFS pointer): ${f}`);
  return lines.join('\n');
}

/** Lists every file under `dir`, relative, for the install manifest. */
export function listFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, root));
    else if (entry.isFile()) out.push(relative(root, path));
  }
  return out.sort();
}
