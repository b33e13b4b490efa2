import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationSeconds, parseWav, voicedSeconds } from '../../runtime/wav.js';
import { startSim, type SimProcess } from '../helpers/sim-process.js';

interface State {
  screen: string;
  targets: { id: string; button: string | null; label: string }[];
}
interface Spoken {
  id: number;
  text: string;
  key?: string;
}

/** Waits for the WAV of utterance `id` (synthesis runs after the screen changes). */
async function wavOf(sim: SimProcess, id: number): Promise<Buffer> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${sim.url}/api/speech/${id}.wav`);
    if (res.ok) return Buffer.from(await res.arrayBuffer());
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no audio for utterance ${id}`);
}

describe('Simulator speaks every screen (espeak-ng, audio on the preview page)', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSim({ args: ['--tts', 'espeak'] });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('says the home screen and serves it as a WAV that is real Vietnamese speech', async () => {
    const transcript = await sim.api<Spoken[]>('/api/speech');
    const home = transcript.find((u) => u.key === 'home');
    expect(home?.text).toMatch(/Bấm số 1/);
    const wav = parseWav(await wavOf(sim, home?.id ?? 0));
    expect(wav.sampleRate).toBe(22050);
    expect(durationSeconds(wav)).toBeGreaterThan(3);
    expect(voicedSeconds(wav)).toBeGreaterThan(2);
    const missing = await fetch(`${sim.url}/api/speech/99999.wav`);
    expect(missing.status).toBe(404);
  });

  it('every screen reachable from home (two presses deep) has spoken guidance', async () => {
    const goHome = async () => {
      for (let i = 0; i < 6 && (await sim.api<State>('/api/state')).screen !== 'home'; i++) {
        await sim.api('/api/button', { id: 'back' });
      }
    };
    /** Presses `path` from home; returns the screen reached and whether it spoke on arrival. */
    const visit = async (path: string[]) => {
      await goHome();
      let state = await sim.api<State>('/api/state');
      let spoke = true;
      for (const button of path) {
        const before = (await sim.api<Spoken[]>('/api/speech')).length;
        state = await sim.api<State>('/api/button', { id: button });
        const said = (await sim.api<Spoken[]>('/api/speech')).slice(before);
        spoke = said.some((u) => u.key === state.screen && u.text.trim() !== '');
      }
      return { state, spoke };
    };
    const home = await sim.api<State>('/api/state');
    const seen = new Map<string, boolean>();
    for (const first of home.targets.filter((t) => t.button)) {
      const one = await visit([first.button ?? '']);
      if (one.state.screen === 'home') continue;
      seen.set(one.state.screen, (seen.get(one.state.screen) ?? false) || one.spoke);
      for (const second of one.state.targets
        .filter((t) => t.button && /^[1-9]$/.test(t.button))
        .slice(0, 3)) {
        const two = await visit([first.button ?? '', second.button ?? '']);
        if (two.state.screen === one.state.screen || two.state.screen === 'home') continue;
        seen.set(two.state.screen, (seen.get(two.state.screen) ?? false) || two.spoke);
      }
    }
    await goHome();
    expect(seen.size).toBeGreaterThanOrEqual(4);
    const silent = [...seen].filter(([, spoke]) => !spoke).map(([screen]) => screen);
    expect(silent, `screens without a spoken prompt (of ${[...seen.keys()].join(', ')})`).toEqual([]);
  }, 90_000);
});
