import { describe, expect, it } from 'vitest';
import { runPowerCuts } from './harness/power-cut.js';

describe('Reliability: power cuts (SIGKILL at random instants; fast subset, the soak runs N)', () => {
  it('loses no acknowledged ticket or rating, duplicates nothing, keeps SQLite, catalog and config whole', async () => {
    const report = await runPowerCuts({ iterations: 3, seed: 7, maxRunMs: 2000, startupCutShare: 0.25 });
    expect(report.violations).toEqual([]);
    expect(report.iterations).toBe(3);
    expect(report.crashes).toBe(0);
    // the harness really drove citizens through the kiosk before cutting the power
    expect(report.ticketsAcknowledged + report.ratingsAcknowledged).toBeGreaterThan(0);
  }, 120_000);
});
