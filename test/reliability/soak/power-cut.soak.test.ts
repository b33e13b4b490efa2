import { expect, it } from 'vitest';
import { runPowerCuts } from '../harness/power-cut.js';
import { saveResult, soakSize } from './soak-env.js';

it('power cuts: N kills at random instants lose and duplicate nothing', async () => {
  const iterations = soakSize('SOAK_POWER_CUTS', 1000);
  const report = await runPowerCuts({
    iterations,
    seed: soakSize('SOAK_SEED', 1),
    budgetMinutes: soakSize('SOAK_BUDGET_MINUTES', 0) || undefined,
    progress: (line) => console.log(line),
  });
  saveResult('power-cut', report);
  expect(report.violations).toEqual([]);
  expect(report.crashes).toBe(0);
});
