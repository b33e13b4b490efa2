import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog } from '../../../domain/catalog/catalog-file.js';
import { parseCatalogSteps } from '../../../domain/catalog/catalog-parse.js';
import { procedureSpans } from '../../../domain/catalog/catalog-spans.js';
import { runNow } from '../../../runtime/steps.js';

const text = readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8');
const parsed = JSON.parse(text) as { procedures: Record<string, unknown>[] };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return (err as CatalogError).problems;
  }
  throw new Error('no CatalogError');
}

describe('Catalog: parsing one procedure at a time (the running kiosk)', () => {
  it('gives what parseCatalog gives, compact or indented, and finds every procedure byte for byte', () => {
    for (const bytes of [
      Buffer.from(text),
      Buffer.from(JSON.stringify(parsed)),
      Buffer.from(JSON.stringify(parsed, null, 2)),
    ]) {
      expect(runNow(parseCatalogSteps(bytes))).toEqual(parseCatalog(bytes.toString('utf8')));
    }
    const compact = Buffer.from(JSON.stringify(parsed));
    const spans = procedureSpans(compact);
    expect(spans?.starts.length).toBe(parsed.procedures.length);
    parsed.procedures.forEach((p, i) =>
      expect(compact.toString('utf8', spans?.starts[i], spans?.ends[i])).toBe(JSON.stringify(p)),
    );
  });

  it('strings holding brackets, quotes and backslashes do not confuse it', () => {
    const tricky = structuredClone(parsed);
    (tricky.procedures[0] as { name: string }).name = 'Thủ tục "đặc biệt" {a} [b] \\ cuối \\';
    (tricky.procedures[1] as { conditions: string }).conditions = '"procedures":[{"x":1}]';
    const bytes = Buffer.from(JSON.stringify(tricky));
    expect(runNow(parseCatalogSteps(bytes))).toEqual(parseCatalog(bytes.toString('utf8')));
  });

  it('reports the same problems by path as parseCatalog', () => {
    const bad = structuredClone(parsed);
    (bad.procedures[1] as { name: unknown }).name = 42;
    delete (bad.procedures[2] as { code?: unknown }).code;
    bad.procedures.push(structuredClone(bad.procedures[0] as Record<string, unknown>));
    for (const doc of [bad, { ...bad, version: 'soon' }]) {
      const bytes = Buffer.from(JSON.stringify(doc));
      const sliced = problemsOf(() => runNow(parseCatalogSteps(bytes)));
      expect(sliced.sort()).toEqual(problemsOf(() => parseCatalog(bytes.toString('utf8'))).sort());
    }
    // a duplicate code alone (the shape is right) is found too
    const dup = structuredClone(parsed);
    dup.procedures.push(structuredClone(dup.procedures[0] as Record<string, unknown>));
    expect(problemsOf(() => runNow(parseCatalogSteps(Buffer.from(JSON.stringify(dup)))))).toEqual([
      `procedures: duplicate code "${String(dup.procedures[0]?.code)}"`,
    ]);
    // cut short: not JSON, said as parseCatalog says it
    const cut = Buffer.from(text.slice(0, text.length / 2));
    expect(problemsOf(() => runNow(parseCatalogSteps(cut)))[0]).toMatch(/not valid JSON/);
  });
});
