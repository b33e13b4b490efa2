import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimProcess } from '../helpers/sim-process.js';

interface Receipt {
  id: number;
  complete: boolean;
  text: string[];
}

describe('Simulator: hardware faults through the mock drivers', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('rejects a garbage scan like the real drivers and reports it as an event', async () => {
    await sim.api('/api/scan', { garbage: 'invalid-utf8' });
    const events = await sim.api<{ recent: { type: string; data: { reason?: string } }[] }>('/api/events');
    expect(events.recent.filter((e) => e.type === 'input.scan-rejected').map((e) => e.data.reason)).toEqual([
      'invalid-utf8',
    ]);
    await expect(sim.api('/api/scan', { garbage: 'cats' })).rejects.toThrow(/garbage: must be/);
  });

  it('accepts the new printer fault switches and validates paperLeftJobs', async () => {
    const status = await sim.api<{ online: boolean; fault: boolean }>('/api/printer', { fault: true });
    expect(status).toMatchObject({ online: false, fault: true });
    await sim.api('/api/printer', { fault: false, paperLeftJobs: 3 });
    await expect(sim.api('/api/printer', { paperLeftJobs: -1 })).rejects.toThrow(/paperLeftJobs/);
    await sim.api('/api/printer', { paperLeftJobs: null });
    const receipts = await sim.api<Receipt[]>('/api/receipts');
    expect(Array.isArray(receipts)).toBe(true);
  });
});
