import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../runtime/logger.js';
import { checkVoskModel } from '../../../voice/recognition/model-check.js';
import { installVoskModel, ModelIncompleteError } from '../../../voice/recognition/model-install.js';
import { VoskRecognizer } from '../../../voice/recognition/vosk-recognizer.js';
import { tempDir } from '../../helpers/sim-process.js';

const FIXTURES = resolve('test/fixtures/voice');
const SHARED_MODELS = resolve('../shared/data/models');
const log = createLogger('test-vosk');

/** What MISSING_FILES.txt lists, relative to the model folder ("vn/Gr.fst" -> "Gr.fst" for the flat layout). */
function listedMissing(dir: string, rootPrefix: string): string[] {
  return readFileSync(join(dir, 'MISSING_FILES.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('MISSING '))
    .map((l) => l.slice('MISSING '.length).trim())
    .map((f) => (rootPrefix && f.startsWith(rootPrefix) ? f.slice(rootPrefix.length) : f))
    .sort();
}

describe('Voice recognition: model folder check (shipped fixtures)', () => {
  it('accepts a folder with every file and installs it with a manifest', () => {
    const report = checkVoskModel(join(FIXTURES, 'vosk-layout-complete'));
    expect(report).toMatchObject({ ok: true, layout: 'v2', missing: [], damaged: [] });
    const target = join(tempDir('model-'), 'models', 'vosk');
    const manifest = installVoskModel(join(FIXTURES, 'vosk-layout-complete'), target);
    expect(manifest.files).toContain('am/final.mdl');
    expect(existsSync(join(target, 'kiosk-model.json'))).toBe(true);
    expect(checkVoskModel(target).ok).toBe(true);
  });

  it('refuses an incomplete folder naming each missing or empty file, and keeps the old model', () => {
    const report = checkVoskModel(join(FIXTURES, 'vosk-layout-incomplete'));
    expect(report.ok).toBe(false);
    expect(report.missing.sort()).toEqual(['am/final.mdl', 'graph/Gr.fst', 'graph/phones/word_boundary.int']);
    expect(report.damaged).toEqual(['ivector/final.ie']);
    const target = join(tempDir('model-'), 'vosk');
    installVoskModel(join(FIXTURES, 'vosk-layout-complete'), target);
    const err = (() => {
      try {
        installVoskModel(join(FIXTURES, 'vosk-layout-incomplete'), target);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ModelIncompleteError);
    expect(String((err as Error).message)).toMatch(
      /missing: am\/final\.mdl[\s\S]*empty or not downloaded.*ivector\/final\.ie/,
    );
    expect(checkVoskModel(target).ok).toBe(true);
    expect(readdirSync(join(target, '..')).sort()).toEqual(['vosk']);
  });

  it('says a folder without any model files is not a model', () => {
    const dir = tempDir('not-model-');
    mkdirSync(join(dir, 'photos'));
    writeFileSync(join(dir, 'readme.txt'), 'hello');
    expect(checkVoskModel(dir)).toMatchObject({ ok: false, layout: undefined });
    expect(checkVoskModel(join(dir, 'nope'))).toMatchObject({ ok: false, missing: ['(the folder itself)'] });
  });
});

describe.skipIf(!existsSync(SHARED_MODELS))(
  'Voice recognition: real partial Vosk models from ../shared/data/models (skipped: shared data absent)',
  () => {
    it('names exactly the files MISSING_FILES.txt lists (en-us-small-0.15, am/conf/graph layout)', () => {
      const dir = join(SHARED_MODELS, 'en-us-small-0.15-partial');
      const report = checkVoskModel(dir);
      expect(report.layout).toBe('v2');
      expect(report.missing.sort()).toEqual(listedMissing(dir, ''));
    });

    it('names exactly the files MISSING_FILES.txt lists (vn-small, flat layout)', () => {
      const dir = join(SHARED_MODELS, 'vn-small-partial');
      const report = checkVoskModel(dir);
      expect(report.layout).toBe('v1');
      expect(report.missing.sort()).toEqual(listedMissing(dir, 'vn/'));
      expect(() => installVoskModel(dir, join(tempDir('model-'), 'vosk'))).toThrow(/missing: final\.mdl/);
    });

    it('the recognizer refuses it before starting the worker', async () => {
      const rec = new VoskRecognizer(log);
      await expect(rec.load(join(SHARED_MODELS, 'vn-small-partial'))).rejects.toBeInstanceOf(
        ModelIncompleteError,
      );
      expect(rec.loaded).toBe(false);
    });
  },
);

describe('Voice recognition: vosk-browser WASM in a worker thread', () => {
  it('loads the WASM and reports a clear error when Vosk cannot open the model files', async () => {
    const rec = new VoskRecognizer(log, { loadTimeoutMs: 60_000 });
    // The layout fixture has every file but no real model data: the worker starts, the WASM
    // initialises and copies the folder in, and Kaldi rejects the data.
    const err = await rec
      .load(join(FIXTURES, 'vosk-layout-complete'), { verify: false })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'model-load-failed',
      hint: expect.stringContaining('kiosk voice model install'),
    });
    expect(String((err as Error).message)).toContain('Vosk could not load the model');
    expect(rec.workerOutput.join('\n')).toMatch(/vosk|kaldi|model/i);
    expect(rec.loaded).toBe(false);
    // A second attempt starts a fresh worker and gets the same clear answer.
    const again = await rec
      .load(join(FIXTURES, 'vosk-layout-complete'), { verify: false })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'model-load-failed' });
    await expect(rec.recognize(new Int16Array(10), 16_000, ['[unk]'])).rejects.toMatchObject({
      code: 'not-loaded',
    });
  });
});
