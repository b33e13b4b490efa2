import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockMic } from '../../../hardware-mocks/microphone.js';
import { systemClock } from '../../../runtime/clock.js';
import { configSchema } from '../../../runtime/config/schema.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { createLogger } from '../../../runtime/logger.js';
import { voiceInputCheck } from '../../../technician/doctor/voice-model-check.js';
import type { RecognizedText } from '../../../voice/recognition/grammar.js';
import { PushToTalkService } from '../../../voice/recognition/push-to-talk.js';
import { tempDir } from '../../helpers/sim-process.js';

const FIXTURES = resolve('test/fixtures/voice');
const ctx = { signal: new AbortController().signal, fail: () => undefined };
const signal = new AbortController().signal;

describe('Voice input: doctor and microphone discipline', () => {
  it('kiosk doctor says voice input is off, missing its model, or ready', async () => {
    const dataDir = tempDir('doctor-voice-');
    const off = configSchema.parse({ storage: { dataDir } });
    expect(await voiceInputCheck(off).run(signal)).toMatchObject({
      status: 'skip',
      message: expect.stringContaining('off'),
    });
    const noModel = configSchema.parse({ storage: { dataDir }, voice: { recognition: { enabled: true } } });
    expect(await voiceInputCheck(noModel).run(signal)).toMatchObject({
      status: 'warn',
      code: 'no-model',
      hint: expect.stringContaining('kiosk voice model install'),
    });
    const partial = configSchema.parse({
      voice: { recognition: { enabled: true, modelDir: join(FIXTURES, 'vosk-layout-incomplete') } },
    });
    const result = await voiceInputCheck(partial).run(signal);
    expect(JSON.stringify(result)).toContain('am/final.mdl');
    const ok = configSchema.parse({
      voice: { recognition: { enabled: true, modelDir: join(FIXTURES, 'vosk-layout-complete') } },
    });
    expect(await voiceInputCheck(ok).run(signal)).toMatchObject({ status: 'ok' });
  });

  it('opens the microphone only while the talk button is held, then closes it', async () => {
    const mic = new MockMic();
    const bus = new EventBus<KioskEvents>(createLogger('test'));
    const heard: number[] = [];
    const recognizer = {
      load: async () => undefined,
      close: async () => undefined,
      recognize: async (samples: Int16Array): Promise<RecognizedText> => {
        heard.push(samples.length);
        return {
          text: 'quay lại',
          words: [
            { word: 'quay', conf: 0.95 },
            { word: 'lại', conf: 0.9 },
          ],
        };
      },
    };
    const ptt = new PushToTalkService(
      recognizer,
      mic,
      bus,
      systemClock,
      createLogger('ptt'),
      {
        enabled: true,
        modelDir: join(FIXTURES, 'vosk-layout-complete'),
        minConfidence: 60,
        maxListenSeconds: 5,
        endSilenceMs: 300,
        talkButton: 'help',
      },
      { targets: () => [], lang: () => 'vi' },
      { prompt: () => undefined, interrupt: () => undefined },
    );
    const presses: string[] = [];
    bus.on('test', 'input.button', (e) => presses.push(`${e.id}:${e.action}`));
    await ptt.start(ctx);
    await new Promise((r) => setTimeout(r, 20));
    expect(mic.opened).toBe(0);
    bus.emit('input.button', { id: '2', action: 'long-press', at: Date.now() });
    expect(mic.opened).toBe(0);
    const tone = new Int16Array(8000).map((_, i) => Math.round(Math.sin(i / 4) * 9000));
    mic.speak(tone);
    bus.emit('input.button', { id: 'help', action: 'long-press', at: Date.now() });
    await new Promise((r) => setTimeout(r, 20));
    expect(mic.isOpen).toBe(true);
    const outcome = await ptt.listen(); // joins the running capture
    expect(outcome).toMatchObject({ kind: 'command', button: 'back' });
    expect(mic.isOpen).toBe(false);
    expect(mic.opened).toBe(1);
    expect(presses).toContain('back:press');
    expect(heard[0]).toBeGreaterThanOrEqual(8000);
    await ptt.stop();
  });

  it('a recognizer failure while listening is logged and the citizen is asked again', async () => {
    const mic = new MockMic();
    const bus = new EventBus<KioskEvents>(createLogger('test'));
    const prompts: string[] = [];
    const ptt = new PushToTalkService(
      {
        load: async () => undefined,
        close: async () => undefined,
        recognize: () => Promise.reject(new Error('recognizer worker exited (1)')),
      },
      mic,
      bus,
      systemClock,
      createLogger('ptt'),
      {
        enabled: true,
        modelDir: join(FIXTURES, 'vosk-layout-complete'),
        minConfidence: 60,
        maxListenSeconds: 5,
        endSilenceMs: 300,
      },
      { targets: () => [], lang: () => 'vi' },
      { prompt: (key) => prompts.push(key), interrupt: () => undefined },
    );
    await ptt.start(ctx);
    await new Promise((r) => setTimeout(r, 20));
    mic.speak(new Int16Array(8000).map((_, i) => Math.round(Math.sin(i / 4) * 9000)));
    bus.emit('input.button', { id: 'help', action: 'long-press', at: Date.now() });
    await expect.poll(() => prompts, { timeout: 5000 }).toEqual(['voice.not-understood']);
    expect(mic.isOpen).toBe(false);
    await ptt.stop();
  });
});
