import { copyFileSync, existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKiosk, tempDir } from '../../helpers/sim-process.js';

const SMALL = 'test/fixtures/catalog/catalog-small.json';
const dir = tempDir('kiosk-assistant-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: kiosk assistant', () => {
  it('--dialogs feeds each conversation to a fresh session: one JSON line per turn, nothing else', async () => {
    const file = join(dir, 'dialogs.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: 'a',
          turns: [
            { id: 'a#1', q: 'tach ho phai sao' },
            { id: 'a#2', q: 'phi bn' },
          ],
        }),
        'not json',
        JSON.stringify({
          id: 'b',
          turns: [
            { id: 'b#1', q: 'phí bao nhiêu' },
            { id: 'b#2', q: 'x'.repeat(10_000) },
          ],
        }),
        '',
      ].join('\n'),
    );
    const r = await runKiosk(['assistant', '--catalog', SMALL, '--dialogs', file]);
    expect(r.code).toBe(1); // the malformed line
    expect(r.stderr).toMatch(/dialogs\.jsonl:2: not valid JSON/);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['a#1', 'a#2', 'b#1', 'b#2']);
    for (const l of lines)
      expect(Object.keys(l)).toEqual(['id', 'behavior', 'focus', 'results', 'slot', 'reply']);
    expect(lines[1]).toMatchObject({ behavior: 'answer', focus: '1.010038', slot: 'fee' });
    expect(lines[1]?.reply).toContain('10.000 đồng');
    // A new conversation starts with no focus: the fee question alone asks which procedure
    // (kindly, remembering the fee for the next turn) instead of apologizing.
    expect(lines[2]).toMatchObject({ behavior: 'clarify', focus: null, slot: 'fee' });
    expect(lines[2]?.reply).toMatch(/^Bạn hỏi lệ phí của thủ tục nào\?/u);
    expect(lines[3]).toMatchObject({ behavior: 'apologize', focus: null });
    const results = lines[0]?.results as { code: string; name: string; score: number }[];
    expect(results.length).toBeLessThanOrEqual(10);
    expect(Object.keys(results[0] ?? {})).toEqual(['code', 'name', 'score']);
  });

  it('says clearly what is wrong with a missing file', async () => {
    const r = await runKiosk(['assistant', '--catalog', SMALL, '--dialogs', join(dir, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--dialogs: .*nope\.jsonl does not exist/);
  });

  it('--index reads the saved search index, builds and saves it when missing or damaged', async () => {
    const catalog = join(dir, 'catalog.json');
    copyFileSync(SMALL, catalog);
    const file = join(dir, 'index-dialogs.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({
        id: 'k',
        turns: [
          { id: 'k#1', q: 'đăng ký lại khai sinh' },
          { id: 'k#2', q: 'phí bao nhiêu' },
        ],
      })}\n`,
    );
    const ask = (...extra: string[]) =>
      runKiosk(['assistant', '--catalog', catalog, '--dialogs', file, ...extra]);
    // By default <catalog>.search-index is read when present, and never written.
    const built = await ask();
    expect(built.code).toBe(0);
    expect(existsSync(`${catalog}.search-index`)).toBe(false);
    const index = join(dir, 'saved.search-index');
    const first = await ask('--index', index);
    expect(first.code).toBe(0);
    expect(readFileSync(index).subarray(0, 5).toString('latin1')).toBe('SKIDX');
    const saved = readFileSync(index);
    // Read, not built again: the file is not rewritten.
    utimesSync(index, new Date(2026, 0, 1), new Date(2026, 0, 1));
    const again = await ask('--index', index);
    expect(statSync(index).mtime.getFullYear()).toBe(2026);
    expect(statSync(index).mtime.getMonth()).toBe(0);
    expect([first.stdout, again.stdout]).toEqual([built.stdout, built.stdout]);
    expect(again.stderr).toBe('');
    // A damaged file: the same answers, a warning saying why, and a good file written again.
    writeFileSync(index, saved.subarray(0, saved.length - 100));
    const damaged = await ask('--index', index);
    expect(damaged.stdout).toBe(built.stdout);
    expect(damaged.stderr).toMatch(/damaged/);
    expect(readFileSync(index).equals(saved)).toBe(true);
    // The default path is read when present: the same answers.
    copyFileSync(index, `${catalog}.search-index`);
    expect((await ask()).stdout).toBe(built.stdout);
    expect((await ask('--no-index')).stdout).toBe(built.stdout);
  });
});
