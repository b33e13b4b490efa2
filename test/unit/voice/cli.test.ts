import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { durationSeconds, parseWav, voicedSeconds } from '../../../runtime/wav.js';
import { tempDir, runKiosk, type CliResult } from '../../helpers/sim-process.js';

const SHARED_MODELS = resolve('../shared/data/models');

const kiosk = (args: string[]): Promise<CliResult> => runKiosk(args, { env: { KIOSK_LOG_LEVEL: 'silent' } });

describe('CLI: kiosk say and kiosk voice model (built dist/)', () => {
  it('kiosk say --out writes a Vietnamese WAV with the chosen voice, numbers read aloud', async () => {
    const dir = tempDir('say-');
    const out = join(dir, 'a.wav');
    const r = await kiosk([
      'say',
      'Xin mời số A-025 đến quầy số 3',
      '--voice',
      'vi-vn-x-central',
      '--rate',
      '170',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('vi-vn-x-central');
    const audio = parseWav(readFileSync(out));
    expect(audio.sampleRate).toBe(22050);
    expect(durationSeconds(audio)).toBeGreaterThan(2);
    expect(voicedSeconds(audio)).toBeGreaterThan(1.5);
    const quiet = join(dir, 'b.wav');
    expect((await kiosk(['say', 'Xin chào', '--volume', '0', '--out', quiet])).code).toBe(0);
    expect(voicedSeconds(parseWav(readFileSync(quiet)))).toBe(0);
  });

  it('kiosk say explains a bad voice and a bad rate', async () => {
    const bad = await kiosk(['say', 'Xin chào', '--voice', 'nosuch', '--out', join(tempDir(), 'x.wav')]);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/voice does not exist[\s\S]*hint: .*vi-vn-x-south/);
    const rate = await kiosk(['say', 'Xin chào', '--rate', '5']);
    expect(rate.code, rate.stderr).not.toBe(0);
    expect(rate.stderr).toContain('--rate: must be a whole number 80-400, got 5');
  });

  it('kiosk voice model install refuses the incomplete fixture and installs the complete one', async () => {
    const dataDir = tempDir('voice-data-');
    const refused = await kiosk([
      'voice',
      'model',
      'install',
      'test/fixtures/voice/vosk-layout-incomplete',
      '--data-dir',
      dataDir,
    ]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain('missing: am/final.mdl');
    expect(refused.stderr).toContain('nothing was installed');
    expect(existsSync(join(dataDir, 'models', 'vosk'))).toBe(false);
    const ok = await kiosk([
      'voice',
      'model',
      'install',
      'test/fixtures/voice/vosk-layout-complete',
      '--data-dir',
      dataDir,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(dataDir, 'models', 'vosk', 'am', 'final.mdl'))).toBe(true);
    const status = await kiosk(['voice', 'model', 'status', '--data-dir', dataDir]);
    expect(status.stdout).toContain('complete Vosk model');
  });

  it.skipIf(!existsSync(SHARED_MODELS))(
    'refuses ../shared/data/models/en-us-small-0.15-partial listing its missing files (skipped: shared data absent)',
    async () => {
      const r = await kiosk(['voice', 'model', 'check', join(SHARED_MODELS, 'en-us-small-0.15-partial')]);
      expect(r.code).toBe(2);
      for (const f of ['am/final.mdl', 'graph/Gr.fst', 'graph/HCLr.fst', 'ivector/final.ie'])
        expect(r.stderr).toContain(`missing: ${f}`);
    },
  );
});
