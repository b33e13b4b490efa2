import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configNotices, loadConfig, validateConfig } from '../../../runtime/config/load.js';
import { BUTTON_IDS } from '../../../runtime/config/button-ids.js';
import { requiresRestart } from '../../../runtime/config/schema.js';
import { ConfigError } from '../../../runtime/errors.js';
import { KIOSK_BIN, tempDir } from '../../helpers/sim-process.js';

const run = promisify(execFile);

function problems(raw: unknown): string[] {
  try {
    validateConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('defaults alone make a valid simulator config', () => {
    const config = validateConfig({});
    expect(config.display.driver).toBe('mock');
    expect(config.display.rotation).toBe(0);
    expect(config.queue.groups.length).toBeGreaterThan(0);
    expect(config.fleet.enabled).toBe(false);
  });

  it('lists every problem by path', () => {
    expect(
      problems({
        display: { rotation: 45, rotaton: 90, width: 'wide' },
        printer: { paperWidth: 70 },
        queue: { groups: [{ id: 'Bad Id', prefix: 'a' }] },
      }),
    ).toEqual([
      'display.width: must be a number, got "wide"',
      'display.rotation: must be 0, 90, 180 or 270, got 45',
      'display.rotaton: unknown setting (check the spelling)',
      'printer.paperWidth: must be 58 or 80, got 70',
      'queue.groups[0].id: must be lower-case letters, digits or dashes',
      'queue.groups[0].prefix: must be one or two capital letters',
      'queue.groups[0].name: is required',
    ]);
  });

  it('names buttons from one list wherever a setting takes a button', () => {
    const all = [...BUTTON_IDS];
    const config = validateConfig({
      input: { panel: all, buttons: { repeat: all } },
      voice: { recognition: { talkButton: 'ok' } },
    });
    expect(config.input.panel).toEqual(all);
    expect(config.voice.recognition.talkButton).toBe('ok');
    const refused = problems({
      input: { panel: ['start'], buttons: { repeat: ['start'] } },
      voice: { recognition: { talkButton: 'start' } },
    });
    expect(refused).toHaveLength(3);
    const reasons = new Set(refused.map((p) => p.slice(p.indexOf(':'))));
    expect(reasons.size).toBe(1);
    expect([...reasons][0]).toContain('"help"');
  });

  it('reads YAML and JSON files and reports unreadable ones', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'display:\n  rotation: 90\n  theme: normal\n');
    writeFileSync(join(dir, 'b.json'), '{"display": {"rotation": 180}}');
    writeFileSync(join(dir, 'c.json'), '{"display": ');
    expect((await loadConfig(join(dir, 'a.yaml'))).display.rotation).toBe(90);
    expect((await loadConfig(join(dir, 'b.json'))).display.rotation).toBe(180);
    await expect(loadConfig(join(dir, 'c.json'))).rejects.toThrow(/not valid JSON/);
    await expect(loadConfig(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot be read/);
  });

  it('knows which settings need a restart', () => {
    expect(requiresRestart('display.rotation')).toBe(true);
    expect(requiresRestart('display.theme')).toBe(false);
    expect(requiresRestart('voice.rate')).toBe(false);
  });

  it('moves a setting an older release kept elsewhere (audio.volume) and says what to change', () => {
    const raw = { audio: { driver: 'none', volume: 55 } };
    const moved = validateConfig(raw);
    expect(moved.voice.volume).toBe(55);
    expect(moved.audio).not.toHaveProperty('volume');
    expect(configNotices(moved)).toEqual([
      expect.stringMatching(
        /^audio\.volume: now voice\.volume \(.+\); write "voice\.volume: 55" in the file instead$/,
      ),
    ]);
    expect(raw.audio.volume).toBe(55); // the caller's object is left as it was
    const both = validateConfig({ audio: { volume: 55 }, voice: { volume: 70 } });
    expect(both.voice.volume).toBe(70);
    expect(configNotices(both)).toEqual([
      'audio.volume: ignored, voice.volume is set (70); remove audio.volume from the file',
    ]);
    expect(configNotices(validateConfig({ voice: { volume: 70 } }))).toEqual([]);
    // the new key is checked like any other
    expect(problems({ audio: { volume: 120 } })).toEqual([
      'voice.volume: must be at most 100, got 120',
      expect.stringMatching(/^audio\.volume: now voice\.volume/),
    ]);
  });

  it('`kiosk config check` exits 0 for a valid file and 1 with the problems', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.yaml'), 'device:\n  id: kiosk-lamdong-001\n');
    writeFileSync(join(dir, 'bad.yaml'), 'display:\n  rotation: 45\n');
    const good = await run(process.execPath, [KIOSK_BIN, 'config', 'check', join(dir, 'good.yaml')]);
    expect(good.stdout).toContain('OK');
    writeFileSync(join(dir, 'old.yaml'), 'audio:\n  volume: 60\n');
    const old = await run(process.execPath, [KIOSK_BIN, 'config', 'check', join(dir, 'old.yaml')]);
    expect(old.stdout).toMatch(/OK\n {2}note: audio\.volume: now voice\.volume .*"voice\.volume: 60"/);
    const bad = await run(process.execPath, [KIOSK_BIN, 'config', 'check', join(dir, 'bad.yaml')]).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect('code' in bad && bad.code).toBe(1);
    expect(bad.stderr).toContain('display.rotation: must be 0, 90, 180 or 270, got 45');
  });

  it('`kiosk sim` refuses an invalid config with the same messages', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'display:\n  rotation: 45\n');
    const result = await run(process.execPath, [
      KIOSK_BIN,
      'sim',
      '--headless',
      '--port',
      '0',
      '--config',
      join(dir, 'bad.yaml'),
    ]).catch((err: { code: number; stderr: string }) => err);
    expect('code' in result && result.code).toBe(1);
    expect(result.stderr).toContain('display.rotation: must be 0, 90, 180 or 270, got 45');
  });
});
