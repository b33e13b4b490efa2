/// <reference lib="dom" />
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startSim } from '../helpers/sim-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('Preview page plays the kiosk voice (headless Chromium, kiosk sim --tts espeak)', () => {
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
