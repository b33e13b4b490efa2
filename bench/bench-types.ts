/** One measured number. `better` says which direction is good, for readers of the table. */
export interface BenchResult {
  suite: string;
  name: string;
  value: number;
  unit: string;
  better: 'lower' | 'higher';
  /** Free-form context: sample size, input, comparison. */
  note?: string;
}

/** A benchmark suite; each file in bench/suites/ default-exports one. */
export interface BenchSuite {
  name: string;
  /** What the suite needs that may be missing (e.g. shared data); return a reason to skip. */
  unavailable?(): string | undefined;
  run(): Promise<BenchResult[]>;
}

/** Runs `fn` `iterations` times after `warmup` runs; returns per-call timings in ms. */
export async function timeIt(
  fn: () => unknown | Promise<unknown>,
  iterations: number,
  warmup = 3,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
