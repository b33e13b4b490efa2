import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import { pino } from 'pino';
import { FleetSimulator } from '../../../app/fleet-sim/fleet-simulator.js';
import { sharedMachine } from '../../../app/fleet-sim/shared-health.js';
import { fleetSection } from '../../../runtime/config/sections/services.js';
import { tempDir } from '../../helpers/sim-process.js';

describe('Fleet simulator: what its kiosks share', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("reads the machine once for every kiosk's sample and status within a second", async () => {
    const root = tempDir('fleet-sim-machine-');
    dirs.push(root);
    const machine = sharedMachine(root);
    const a = await machine.systemHealth(`${root}/sim-00001`);
    const b = await machine.systemHealth(`${root}/sim-00002`);
    expect(b).toBe(a); // one reading, not one per kiosk
    expect(a).toMatchObject({ disk: { freeMb: expect.any(Number) }, rssMb: expect.any(Number) });
    const s1 = await machine.statusHealth(`${root}/sim-00001`);
    const s2 = await machine.statusHealth(`${root}/sim-00002`);
    expect(s2).toEqual(s1);
    expect(s1).toEqual({ rssMb: expect.any(Number), diskFreeMb: expect.any(Number) });
    expect(await machine.statusHealth(undefined)).toEqual({ rssMb: s1.rssMb });
  });

  it('gives in-memory kiosks a migrated database copy and no directory of their own', async () => {
    const dataDir = tempDir('fleet-sim-data-');
    dirs.push(dataDir);
    const sim = new FleetSimulator({
      count: 5,
      idPrefix: 'share',
      perCommune: 3,
      // no broker answers here: the kiosks keep their records in their outboxes
      fleet: fleetSection.parse({ enabled: true, broker: 'mqtt://127.0.0.1:1' }),
      dataDir,
      persistent: false,
      connectPerSecond: 1000,
      problems: 0,
      clockSkewMs: 0,
      log: pino({ level: 'silent' }),
    });
    try {
      await sim.start();
      for (const k of sim.kiosks) k.rate(5, 1);
      expect(sim.kiosks.map((k) => k.pendingRecords())).toEqual([1, 1, 1, 1, 1]);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      await sim.stop();
    }
  });
});
