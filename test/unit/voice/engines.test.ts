import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../runtime/config/schema.js';
import { createTts } from '../../../voice/create-tts.js';
import { EspeakTts } from '../../../voice/espeak-tts.js';
import { checkPiperFolder, PiperTts } from '../../../voice/piper-tts.js';
import { TextOnlyTts } from '../../../voice/tts.js';
import { parseWav } from '../../../runtime/wav.js';
import { tempDir } from '../../helpers/sim-process.js';

function piperFolder(): string {
  const dir = tempDir('piper-');
  writeFileSync(join(dir, 'vi_VN-test.onnx'), 'not a real model');
  writeFileSync(join(dir, 'tokens.txt'), 'a 1\n');
  mkdirSync(join(dir, 'espeak-ng-data'));
  writeFileSync(join(dir, 'espeak-ng-data', 'phontab'), 'x');
  return dir;
}

describe('Voice: engine choice and the optional Piper loader', () => {
  it('config voice.tts picks the engine', () => {
    const pick = (tts: string) => createTts(configSchema.parse({ voice: { tts } }).voice);
    expect(pick('text')).toBeInstanceOf(TextOnlyTts);
    expect(pick('espeak')).toBeInstanceOf(EspeakTts);
    expect(pick('piper')).toBeInstanceOf(PiperTts);
    const south = createTts(configSchema.parse({ voice: { tts: 'espeak', voice: 'vi-vn-x-south' } }).voice);
    expect(south.voiceFor?.({ lang: 'vi', rate: 150 })).toBe('vi-vn-x-south');
  });

  it('names each missing Piper file', async () => {
    const empty = tempDir('piper-');
    expect(checkPiperFolder(empty).missing).toEqual([
      '*.onnx (the voice model)',
      'tokens.txt',
      'espeak-ng-data/ (with phontab)',
    ]);
    await expect(new PiperTts(empty).check()).rejects.toMatchObject({
      code: 'piper-model-missing',
      message: expect.stringContaining('tokens.txt'),
    });
  });

  it('says when sherpa-onnx-node is not installed', async () => {
    const tts = new PiperTts(piperFolder(), () =>
      Promise.reject(new Error("Cannot find package 'sherpa-onnx-node'")),
    );
    await expect(tts.check()).rejects.toMatchObject({
      code: 'piper-runtime-missing',
      hint: expect.stringContaining('npm install sherpa-onnx-node'),
    });
  });

  it('turns the runtime float samples into a 16-bit WAV at its sample rate', async () => {
    const seen: { text: string; speed: number }[] = [];
    const runtime = {
      OfflineTts: class {
        generate(req: { text: string; sid: number; speed: number }) {
          seen.push({ text: req.text, speed: req.speed });
          return { samples: Float32Array.from([0, 0.5, -0.5, 1.2]), sampleRate: 22_050 };
        }
      },
    };
    const tts = new PiperTts(piperFolder(), () => Promise.resolve({ default: runtime }));
    const audio = parseWav(await tts.synthesize('Xin chào', { lang: 'vi', rate: 300 }));
    expect(audio.sampleRate).toBe(22_050);
    expect([...audio.samples]).toEqual([0, 16_384, -16_383, 32_767]);
    expect(seen).toEqual([{ text: 'Xin chào', speed: 2 }]);
  });
});
