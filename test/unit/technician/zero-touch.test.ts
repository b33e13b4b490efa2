import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../runtime/config/load.js';
import { verifyPin } from '../../../technician/provision/pin.js';
import { applyZeroTouch } from '../../../technician/provision/zero-touch.js';
import { tempDir } from '../../helpers/sim-process.js';
import { kiosk } from './kiosk-cli.js';

const log = pino({ level: 'silent' });

/** A fake FAT boot partition holding kiosk-provision.json, and where the config goes. */
function bootPartition(content: unknown): { boot: string; file: string; config: string } {
  const dir = tempDir('kiosk-zt-');
  const boot = join(dir, 'boot-firmware');
  mkdirSync(boot);
  const file = join(boot, 'kiosk-provision.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return { boot, file, config: join(dir, 'etc', 'smart-kiosk', 'config.yaml') };
}

const ANSWERS = {
  deviceId: 'qn-hoian-01',
  agency: 'UBND PHƯỜNG MINH AN',
  broker: 'mqtts://fleet.example.vn:8883',
  username: 'qn-hoian-01',
  password: 'rất-bí-mật',
  pin: '1357',
  voiceRegion: 'central',
};

describe('Technician: zero-touch provisioning from the boot partition', () => {
  it('applies once, removes the file with its secrets, and leaves a redacted receipt', async () => {
    const { boot, file, config } = bootPartition(ANSWERS);
    const outcome = await applyZeroTouch(file, config, log);
    expect(outcome).toMatchObject({ status: 'applied', deviceId: 'qn-hoian-01' });
    const applied = await loadConfig(config);
    expect(applied.device).toMatchObject({ id: 'qn-hoian-01', agency: 'UBND PHƯỜNG MINH AN' });
    expect(applied.fleet).toMatchObject({ enabled: true, password: 'rất-bí-mật' });
    expect(applied.voice.voice).toBe('vi-vn-x-central');
    expect(verifyPin('1357', applied.maintenance.pinHash!)).toBe(true);

    expect(existsSync(file)).toBe(false);
    expect(readdirSync(boot)).toEqual(['kiosk-provision.applied.json']);
    const receipt = readFileSync(join(boot, 'kiosk-provision.applied.json'), 'utf8');
    expect(receipt).not.toContain('rất-bí-mật');
    expect(receipt).not.toContain('1357');
    expect(JSON.parse(receipt)).toMatchObject({
      configFile: config,
      answers: { deviceId: 'qn-hoian-01', password: '(set)', pin: '(set)' },
    });

    // Next boot: nothing to apply, the config stays as it is.
    const before = readFileSync(config, 'utf8');
    expect(await applyZeroTouch(file, config, log)).toEqual({ status: 'absent' });
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('leaves an invalid file in place, writes the problems next to it, and keeps the old config', async () => {
    const { boot, file, config } = bootPartition({
      ...ANSWERS,
      deviceId: 'Hội An!',
      password: 42,
      rotaton: 90,
    });
    mkdirSync(join(config, '..'), { recursive: true });
    writeFileSync(config, 'device:\n  id: old-kiosk\n');
    const outcome = await applyZeroTouch(file, config, log);
    expect(outcome.status).toBe('invalid');
    expect(existsSync(file)).toBe(true);
    const errors = readFileSync(join(boot, 'kiosk-provision.errors.txt'), 'utf8');
    expect(errors).toContain('rotaton: unknown setting (check the spelling)');
    expect(errors).toContain('password: must be text');
    expect(errors).not.toContain('42');
    expect(readFileSync(config, 'utf8')).toBe('device:\n  id: old-kiosk\n');
    // The same bad file at the next start does not rewrite the errors file (SD card wear).
    const written = statSync(join(boot, 'kiosk-provision.errors.txt')).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    await applyZeroTouch(file, config, log);
    expect(statSync(join(boot, 'kiosk-provision.errors.txt')).mtimeMs).toBe(written);

    // A device id the schema refuses is caught too (it is checked against the config schema).
    writeFileSync(file, JSON.stringify({ ...ANSWERS, deviceId: 'Hội An!' }));
    const again = await applyZeroTouch(file, config, log);
    expect(again).toMatchObject({
      status: 'invalid',
      problems: ['device.id: must be 2-63 lower-case letters, digits or dashes'],
    });

    // Fixed file: applied, and the stale errors file is cleaned up.
    writeFileSync(file, JSON.stringify(ANSWERS));
    expect((await applyZeroTouch(file, config, log)).status).toBe('applied');
    expect(readdirSync(boot)).toEqual(['kiosk-provision.applied.json']);
    expect(readFileSync(`${config}.prev`, 'utf8')).toBe('device:\n  id: old-kiosk\n');
  });

  it('reports a file that is not JSON (e.g. saved by a word processor) without applying it', async () => {
    const { file, config } = bootPartition('{ deviceId: qn-hoian-01 ');
    const outcome = await applyZeroTouch(file, config, log);
    expect(outcome).toMatchObject({ status: 'invalid' });
    expect((outcome as { problems: string[] }).problems[0]).toMatch(/^\(file\): not valid JSON/);
    expect(existsSync(config)).toBe(false);
  });

  it('`kiosk provision --zero-touch FILE` does the same from the command line (as ExecStartPre does)', async () => {
    const { file, config } = bootPartition(ANSWERS);
    const first = await kiosk(['provision', '--config', config, '--zero-touch', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`applied to ${config} as qn-hoian-01`);
    expect(`${first.stdout}${first.stderr}`).not.toContain('rất-bí-mật');
    const second = await kiosk(['provision', '--config', config, '--zero-touch', file]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('not present, nothing to do');
  });
});
