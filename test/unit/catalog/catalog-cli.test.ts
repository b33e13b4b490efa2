import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../../domain/catalog/catalog-file.js';
import { KIOSK_BIN, tempDir } from '../../helpers/sim-process.js';

const SAMPLE = 'test/fixtures/catalog/portal-sample.jsonl';
const SMALL = 'test/fixtures/catalog/catalog-small.json';
const dirs: string[] = [];

function dir(): string {
  const d = tempDir('kiosk-catalog-');
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function kiosk(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [KIOSK_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.once('error', reject);
    proc.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each case spawns the CLI once or twice (~0.6 s CPU each); the timeout leaves room for a busy CI machine.
describe.skipIf(!existsSync(KIOSK_BIN))(
  `CLI: kiosk catalog (needs the build ${KIOSK_BIN})`,
  { timeout: 60_000 },
  () => {
    it('imports a portal file, printing a parse report with per-line errors and progress', async () => {
      const out = join(dir(), 'catalog.json.gz');
      const r = await kiosk(['catalog', 'import', '--portal', SAMPLE, '--out', out, '--level', 'xa']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/version \d{4}\.\d{2}\.\d{2}-1, 9 procedures \(level xa\)/);
      expect(r.stdout).toContain(
        'lines read: 16; imported: 9; left out by level: 1; malformed lines skipped: 5',
      );
      expect(r.stdout).toMatch(/line 3: invalid JSON/);
      expect(r.stdout).toMatch(/line 16: duplicate code 1\.001193/);
      expect(r.stdout).toMatch(/fields that could not be fully parsed: .*documents in \d+ procedures/);
      expect(r.stderr).toMatch(/importing: line 16 \(100%\)/);
      const catalog = await readCatalogFile(out);
      expect(catalog.procedures).toHaveLength(9);

      // A second import to the same file gets a newer version.
      const again = await kiosk(['catalog', 'import', '--portal', SAMPLE, '--out', out, '--quiet']);
      expect(again.stdout).toMatch(/version \d{4}\.\d{2}\.\d{2}-2/);
      expect(again.stderr).toBe('');
    });

    it('rejects bad arguments with a clear message', async () => {
      const missing = await kiosk([
        'catalog',
        'import',
        '--portal',
        'nope.jsonl',
        '--out',
        join(dir(), 'x.json'),
      ]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--portal: nope.jsonl does not exist');
      const level = await kiosk([
        'catalog',
        'import',
        '--portal',
        SAMPLE,
        '--out',
        join(dir(), 'x.json'),
        '--level',
        'tinh',
      ]);
      expect(level.code).toBe(2);
      expect(level.stderr).toContain('--level: must be "xa" or "all", got "tinh"');
      const badCatalog = join(dir(), 'bad.json');
      writeFileSync(badCatalog, '{"format":"something-else"}');
      const search = await kiosk(['catalog', 'search', '--catalog', badCatalog, 'khai sinh']);
      expect(search.code).toBe(1);
      expect(search.stdout).toBe('');
      expect(search.stderr).toMatch(/bad\.json: format: .*kiosk catalog import/);
    });

    it('searches one query as JSON or as text', async () => {
      const json = await kiosk(['catalog', 'search', '--catalog', SMALL, '--json', 'dang ky khai sinh']);
      expect(json.code).toBe(0);
      const outcome = JSON.parse(json.stdout) as { behavior: string; results: { code: string }[] };
      expect(outcome.behavior).toBe('answer');
      expect(outcome.results[0]?.code).toBe('1.001193');
      expect(json.stdout.trim().split('\n')).toHaveLength(1);
      const text = await kiosk(['catalog', 'search', '--catalog', SMALL, 'xin giấy phép xây dựng']);
      expect(text.stdout).toMatch(/^behavior: clarify/);
      expect(text.stdout).toMatch(/ 1\. 1\.0132\d\d {2}\d\.\d{3} {2}.*giấy phép xây dựng/);
    });

    it('searches a batch file: exactly one {"id","behavior","results"} line per query on stdout', async () => {
      const queries = join(dir(), 'q.jsonl');
      writeFileSync(
        queries,
        [
          JSON.stringify({ id: 'a', q: 'ddawng kys keets hoon', expect_ids: ['1.000894'] }),
          '{broken',
          '',
          JSON.stringify({ id: 'b', q: 'Em muốn xin học bổng đi du học Úc' }),
          JSON.stringify({ id: 'c' }),
          JSON.stringify({ id: 7, q: 'xin giay phep xay dung' }),
        ].join('\n'),
      );
      const r = await kiosk(['catalog', 'search', '--catalog', SMALL, '--queries', queries]);
      expect(r.code).toBe(1); // malformed lines were skipped
      expect(r.stderr).toContain('q.jsonl:2: not valid JSON, skipped');
      expect(r.stderr).toContain('q.jsonl:5: needs "id" (text) and "q" (text), skipped');
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => [l.id, l.behavior])).toEqual([
        ['a', 'answer'],
        ['b', 'apologize'],
        [7, 'clarify'],
      ]);
      for (const line of lines) {
        expect(Object.keys(line)).toEqual(['id', 'behavior', 'results']);
        const results = line.results as Record<string, unknown>[];
        expect(results.length).toBeLessThanOrEqual(10);
        for (const hit of results) expect(Object.keys(hit)).toEqual(['code', 'name', 'score']);
      }
      expect((lines[0]?.results as { code: string }[])[0]?.code).toBe('1.000894');
    });

    it('uses the shipped catalog by default and reports its version', async () => {
      const info = await kiosk(['catalog', 'info']);
      expect(info.code).toBe(0);
      expect(info.stdout).toMatch(
        /catalog-xa\.json\.gz: version \d{4}\.\d{2}\.\d{2}-\d+, .*5\d\d procedures/,
      );
      const search = await kiosk(['catalog', 'search', '--json', 'tạm trú']);
      expect((JSON.parse(search.stdout) as { results: unknown[] }).results.length).toBeGreaterThan(0);
    });
  },
);
