import { rmSync, writeFileSync } from 'node:fs';
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
});
