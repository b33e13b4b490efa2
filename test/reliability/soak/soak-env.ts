import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A soak size from the environment (set by run-soak.mjs from the command line). */
export function soakSize(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new TypeError(`${name}: must be a number >= 0, got ${JSON.stringify(raw)}`);
  return n;
}

/** Writes a soak result as JSON next to the others and prints it. */
export function saveResult(name: string, result: unknown): void {
  const dir = process.env.SOAK_RESULTS ?? join(tmpdir(), 'smart-kiosk-soak');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), result }, null, 2)}\n`);
  console.log(`${name}: ${JSON.stringify(result)}\n(saved to ${file})`);
}
