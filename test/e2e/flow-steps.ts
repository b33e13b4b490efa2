import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimProcess } from '../helpers/sim-process.js';

/** The part of /api/state the flow tests read. */
export interface FlowState {
  screen: string;
  focus: string | null;
  sessionActive: boolean;
  lastTicket: { number: string; groupId: string; peopleAhead: number; priority?: boolean } | null;
  targets: {
    id: string;
    label: string;
    button: string | null;
    rect: { x: number; y: number; width: number; height: number };
  }[];
  details: Record<string, unknown>;
  outboxCount: number;
}

export interface Utterance {
  text: string;
  key?: string;
}

export interface OutboxEntry {
  id: number;
  kind: string;
  topic: string;
  payload: Record<string, unknown>;
}

export const press = (sim: SimProcess, id: string): Promise<FlowState> =>
  sim.api<FlowState>('/api/button', { id });
export const state = (sim: SimProcess): Promise<FlowState> => sim.api<FlowState>('/api/state');
export const speech = (sim: SimProcess): Promise<Utterance[]> => sim.api<Utterance[]>('/api/speech');
export const lastSpeech = async (sim: SimProcess): Promise<string> => (await speech(sim)).at(-1)?.text ?? '';
export const outbox = async (sim: SimProcess): Promise<OutboxEntry[]> =>
  (await sim.api<{ outbox: OutboxEntry[] }>('/api/events')).outbox;

/** Touches the target with this id (as a finger would), failing clearly when it is not shown. */
export async function touch(sim: SimProcess, id: string): Promise<FlowState> {
  const st = await state(sim);
  const target = st.targets.find((t) => t.id === id);
  if (!target)
    throw new Error(`no target "${id}" on screen ${st.screen}: ${st.targets.map((t) => t.id).join(', ')}`);
  return sim.api<FlowState>('/api/touch', {
    x: target.rect.x + target.rect.width / 2,
    y: target.rect.y + target.rect.height / 2,
  });
}

/**
 * Types on the on-screen keyboard by touching its keys, then optionally Done. Where the screen
 * shows its keyboard behind a "type" button (search in the large theme), that is touched first.
 */
export async function typeText(sim: SimProcess, text: string, done = true): Promise<FlowState> {
  let st = await state(sim);
  if (!st.targets.some((t) => t.id.startsWith('key:')) && st.targets.some((t) => t.id === 'type'))
    st = await touch(sim, 'type');
  for (const ch of text) st = await touch(sim, `key:${ch === ' ' ? 'space' : ch}`);
  return done ? touch(sim, 'key:done') : st;
}

/** Polls /api/state until `screen` is shown (async flows such as dossier lookups). */
export async function waitForScreen(sim: SimProcess, screen: string, timeoutMs = 10_000): Promise<FlowState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const st = await state(sim);
    if (st.screen === screen) return st;
    if (Date.now() > until)
      throw new Error(`screen ${screen} not shown within ${timeoutMs} ms (showing ${st.screen})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Writes a config file into the sim's data dir and returns the --config arguments. */
export function configArgs(dir: string, config: Record<string, unknown>): string[] {
  const file = join(dir, 'kiosk-test.json');
  writeFileSync(file, JSON.stringify(config));
  return ['--config', file];
}
