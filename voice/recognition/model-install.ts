import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkVoskModel, describeReport, listFiles, type ModelReport } from './model-check.js';

/** Written next to an installed model. */
export interface InstalledModel {
  name: string;
  source: string;
  layout: string;
  bytes: number;
  files: string[];
  installedAt: string;
}

export const MANIFEST = 'kiosk-model.json';

/** A model folder that cannot be used; `report` lists what is missing. */
export class ModelIncompleteError extends Error {
  override readonly name = 'ModelIncompleteError';
  constructor(readonly report: ModelReport) {
    super(describeReport(report));
  }
}

/** Where the recognizer looks for its model unless config voice.recognition.modelDir says otherwise. */
export function defaultModelDir(dataDir: string): string {
  return join(resolve(dataDir), 'models', 'vosk');
}

/**
 * Copies a checked Vosk model folder to `target`, replacing the model there only when the copy is
 * complete (copy to a temp folder, then rename), so a failed install leaves the old model working.
 */
export function installVoskModel(source: string, target: string, now = new Date()): InstalledModel {
  const report = checkVoskModel(source);
  if (!report.ok) throw new ModelIncompleteError(report);
  const tmp = `${target}.installing-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  mkdirSync(dirname(target), { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  cpSync(source, tmp, { recursive: true, dereference: true });
  const copied = checkVoskModel(tmp);
  if (!copied.ok) {
    rmSync(tmp, { recursive: true, force: true });
    throw new ModelIncompleteError({ ...copied, dir: `${target} (copy)` });
  }
  const manifest: InstalledModel = {
    name: basename(resolve(source)),
    source: resolve(source),
    layout: report.layout ?? 'unknown',
    bytes: report.bytes,
    files: listFiles(tmp),
    installedAt: now.toISOString(),
  };
  writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });
  return manifest;
}
