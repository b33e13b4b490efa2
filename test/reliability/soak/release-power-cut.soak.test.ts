import { expect, it } from 'vitest';
import { runReleaseCuts } from '../harness/release-cuts.js';
import { saveResult, soakSize } from './soak-env.js';

it('app update: N kill -9 cuts during download, unpack, switch and migration each end on a release that boots', async () => {
  const report = await runReleaseCuts({
    cuts: soakSize('SOAK_RELEASE_CUTS', 200),
    seed: soakSize('SOAK_SEED', 1),
    progress: (line) => console.log(line),
  });
  saveResult('release-power-cut', report);
  expect(report.violations).toEqual([]);
  expect(report.neverServed).toBe(0);
});
