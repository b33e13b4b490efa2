import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../technician/provision/pin.js';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';
import { press, touch, type FlowState } from './flow-steps.js';

/** 60 px at 800x480 is about 9 mm on a 7-inch panel: the smallest key elderly fingers hit reliably. */
const MIN_KEY = 60;

/** The on-screen keys of a state: keyboard keys (key:*) and the PIN pad (key-*, delete, submit, exit). */
const keysOf = (st: FlowState): FlowState['targets'] =>
  st.targets.filter((t) => /^key[:-]/.test(t.id) || (st.screen === 'maintenance-pin' && t.id !== ''));

describe('Keyboards in the large theme: every key at least 60x60 px, measured from /api/state', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    const dir = tempDir('kiosk-keys-');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ maintenance: { pinHash: hashPin('2468') } }));
    sim = await startSim({ args: ['--config', config] });
  });
  afterAll(async () => {
    await sim?.stop();
  });

  const home = async (): Promise<FlowState> => {
    let st = await press(sim, 'back');
    while (st.screen !== 'home') st = await press(sim, 'back');
    return st;
  };
  /** Opens the keyboard where a screen offers it behind a "type" button (search, assistant). */
  const openKeys = async (st: FlowState): Promise<FlowState> =>
    st.targets.some((t) => t.id.startsWith('key:')) ? st : touch(sim, 'type');
  const homeButton = (st: FlowState, id: string): string => {
    const b = st.targets.find((t) => t.id === id)?.button;
    if (!b) throw new Error(`home has no button for ${id}: ${st.targets.map((t) => t.id).join(', ')}`);
    return b;
  };

  const screens: [string, () => Promise<FlowState>][] = [
    ['search', async () => openKeys(await press(sim, homeButton(await home(), 'search')))],
    ['dossier', async () => press(sim, homeButton(await home(), 'dossier'))],
    ['assistant', async () => openKeys(await press(sim, homeButton(await home(), 'assistant')))],
    [
      'maintenance-pin',
      async () => {
        await home();
        await sim.api('/api/button', { id: 'up', action: 'long-press' });
        return sim.api<FlowState>('/api/button', { id: 'down', action: 'long-press' });
      },
    ],
  ];

  for (const lang of ['vi', 'en'] as const)
    it.each(screens)(`${lang}: %s`, async (name, open) => {
      await home();
      const look = await sim.api<{ lang: string; theme: string }>('/api/state');
      if (look.lang !== lang) await touch(sim, 'language');
      expect((await sim.api<{ theme: string }>('/api/state')).theme).toBe('large');
      const st = await open();
      expect(st.screen).toBe(name);
      const keys = keysOf(st);
      expect(keys.length, `${name} shows no keys`).toBeGreaterThanOrEqual(12);
      const small = keys.filter((k) => k.rect.width < MIN_KEY || k.rect.height < MIN_KEY);
      expect(
        small.map((k) => `${k.id} ${k.rect.width}x${k.rect.height}`),
        `${name}: keys under ${MIN_KEY} px`,
      ).toEqual([]);
    });
});
