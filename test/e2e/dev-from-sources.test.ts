import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type SimProcess } from '../helpers/sim-process.js';

interface State {
  screen: string;
  lastTicket?: { number: string };
}

/** `npm run dev`'s node arguments, read from package.json so the test runs exactly that command. */
function devCommand(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [node, ...args] = pkg.scripts.dev!.split(' ');
  expect(node).toBe('node');
  return args;
}

describe('npm run dev', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('runs the simulator straight from the TypeScript sources with the ts-node ESM loader', async () => {
    const command = devCommand();
    expect(command).toEqual(expect.arrayContaining(['--loader', 'ts-node/esm', 'bin/kiosk.ts', 'sim']));
    sim = await startSim({ command, startMs: 150_000 });
    expect((await sim.api<State>('/api/state')).screen).toBe('home');
    const after = await sim.api<State>('/api/button', { id: '1' });
    expect(after.screen).toBe('ticket');
    expect(after.lastTicket?.number).toMatch(/^A-\d{3}$/);
    // No loader warning on the console: the script silences node's ExperimentalWarning only.
    expect(sim.logs.join('\n')).not.toContain('ExperimentalWarning');
  }, 180_000);
});
