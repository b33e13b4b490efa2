/// <reference lib="dom" />
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationSeconds, parseWav, voicedSeconds } from '../../voice/wav.js';
import { startSim, type SimProcess } from '../helpers/sim-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

  it('every screen reachable from home has spoken guidance', async () => {
    const home = await sim.api<State>('/api/state');
    const entries = home.targets.filter((t) => t.button);
    expect(entries.length).toBeGreaterThanOrEqual(1);
    const silent: string[] = [];
    for (const entry of entries) {
      const before = (await sim.api<Spoken[]>('/api/speech')).length;
      const state = await sim.api<State>('/api/button', { id: entry.button });
      const said = (await sim.api<Spoken[]>('/api/speech')).slice(before);
      if (state.screen !== 'home' && !said.some((u) => u.key === state.screen && u.text.trim())) {
        silent.push(`${entry.id} -> ${state.screen}`);
      }
      for (let i = 0; i < 5 && (await sim.api<State>('/api/state')).screen !== 'home'; i++) {
        await sim.api('/api/button', { id: 'back' });
      }
    }
    expect(silent, 'screens without a spoken prompt').toEqual([]);
  });

  it('the preview page lists each utterance with a play button whose audio the browser decodes', async () => {
    const headful = await startSim({ headless: false, args: ['--tts', 'espeak'] });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(headful.url);
      await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '') !== '');
      await page.click('#btn-1');
      await page.waitForFunction(
        () => document.querySelectorAll('#speech button.play').length >= 1,
        undefined,
        {
          timeout: 15_000,
        },
      );
      const duration = await page.evaluate(async () => {
        const li = document.querySelector('#speech li[id^="utt-"]');
        const id = li?.id.slice(4) ?? '';
        const audio = new Audio(`/api/speech/${id}.wav`);
        await new Promise((resolve, reject) => {
          audio.addEventListener('loadedmetadata', resolve, { once: true });
          audio.addEventListener('error', () => reject(new Error('audio failed to load')), { once: true });
        });
        return audio.duration;
      });
      expect(duration).toBeGreaterThan(1);
    } finally {
      await browser.close();
      await headful.stop();
    }
  });
});
