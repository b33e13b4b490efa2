import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, validateConfig } from '../../runtime/config/load.js';
import { ConfigError } from '../../runtime/errors.js';
import { spawnKioskRun, tempDir } from '../helpers/sim-process.js';

type Leaf = { path: string[]; value: unknown };

/** Every setting of the effective default config (leaves: numbers, strings, flags, lists). */
function leaves(node: unknown, path: string[] = []): Leaf[] {
  if (node !== null && typeof node === 'object' && !Array.isArray(node))
    return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value: node }];
}

/** A value of the wrong type for `value`'s type. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'number') return 'twelve';
  if (typeof value === 'boolean') return 'yes please';
  if (typeof value === 'string') return { nested: ['object'] };
  if (Array.isArray(value)) return 'not-a-list';
  return 42;
}

function setIn(root: Record<string, unknown>, path: string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
}

async function problemsOf(raw: unknown, dir: string, name: string): Promise<string[]> {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(raw));
  try {
    await loadConfig(file);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
}

describe('Reliability: config files with wrong types', () => {
  const settings = leaves(validateConfig({}));

  it('each setting given the wrong type is refused with its own path and the value given', async () => {
    const dir = tempDir('config-hostile-');
    expect(settings.length).toBeGreaterThan(50);
    const unclear: string[] = [];
    for (const leaf of settings) {
      const raw: Record<string, unknown> = {};
      const bad = wrongType(leaf.value);
      setIn(raw, leaf.path, bad);
      const problems = await problemsOf(raw, dir, 'one.json');
      const dotted = leaf.path.join('.');
      const line = problems.find((p) => p.startsWith(`${dotted}:`) || p.startsWith(`${dotted}[`));
      if (!line || !line.includes('must') || !line.includes(JSON.stringify(bad).slice(0, 8)))
        unclear.push(`${dotted} = ${JSON.stringify(bad)} -> ${JSON.stringify(problems)}`);
    }
    expect(unclear).toEqual([]);
  });

  it('a file with EVERY setting wrong lists every problem at once; `kiosk run` refuses to start with that list', async () => {
    const dir = tempDir('config-hostile-');
    const raw: Record<string, unknown> = {};
    for (const leaf of settings) setIn(raw, leaf.path, wrongType(leaf.value));
    raw.surprise = true;
    const problems = await problemsOf(raw, dir, 'all.json');
    for (const leaf of settings) expect(problems.some((p) => p.startsWith(leaf.path.join('.')))).toBe(true);
    expect(problems).toContain('surprise: unknown setting (check the spelling)');

    const file = join(dir, 'all.json');
    const run = spawnKioskRun(file);
    const code = await run.exited;
    const out = run.logs.join('');
    expect(code).toBe(1);
    expect(out).toMatch(/cannot start/);
    for (const p of problems) expect(out).toContain(p);
  });

  it('broken files: not JSON, not YAML, a list at the top, binary bytes, empty', async () => {
    const dir = tempDir('config-hostile-');
    const cases: [string, string | Buffer, RegExp][] = [
      ['bad.json', '{"device": {', /not valid JSON/],
      ['bad.yaml', 'device:\n  id: [unclosed\n', /not valid YAML/],
      ['list.json', '[1, 2, 3]', /must be a mapping/],
      ['binary.yaml', Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b]), /\(file\)|\(root\)/],
    ];
    for (const [name, content, expected] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const err = await loadConfig(file).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.join('\n'), name).toMatch(expected);
    }
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    await expect(loadConfig(empty)).resolves.toMatchObject({ device: expect.any(Object) });
  });
});
