import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../runtime/config/load.js';
import { verifyPin } from '../../../technician/provision/pin.js';
import { tempDir } from '../../helpers/sim-process.js';
import { kiosk } from './kiosk-cli.js';

const FLAGS = [
  '--yes',
  '--device-id',
  'hn-bavi-01',
  '--agency',
  'UBND XÃ TẢN LĨNH',
  '--centre',
  'Bộ phận Một cửa',
  '--fleet-groups',
  'ha-noi,ba-vi',
  '--service-group',
  'A:tu-phap:Tư pháp - Hộ tịch:1,2',
  'B:dat-dai:Đất đai - Xây dựng:3',
  '--broker',
  'mqtts://fleet.example.vn:8883',
  '--username',
  'hn-bavi-01',
  '--password',
  'mật-khẩu-bí-mật',
  '--display',
  'fbdev',
  '--fb-device',
  '/dev/fb1',
  '--rotation',
  '90',
  '--touch',
  'evdev',
  '--touch-device',
  '/dev/kiosk-touch',
  '--touch-axes',
  '200,3900,150,3950,invert-x',
  '--buttons',
  'gpio',
  '--button-pins',
  '1=5,2=6,ok=20,back=21',
  '--printer',
  'serial',
  '--printer-port',
  '/dev/kiosk-printer',
  '--paper-width',
  '58',
  '--scanner',
  'serial',
  '--scanner-port',
  '/dev/kiosk-scanner',
  '--tts',
  'espeak',
  '--voice-region',
  'south',
  '--data-dir',
  '/var/lib/smart-kiosk',
  '--pin',
  '2468',
  '--set',
  'input.buttons.debounceMs=50',
];

describe('Technician: kiosk provision (non-interactive)', () => {
  it('writes a config that `kiosk config check` accepts, with every answer in place', async () => {
    const dir = tempDir('kiosk-prov-');
    const file = join(dir, 'config.yaml');
    const result = await kiosk(['provision', '--config', file, ...FLAGS]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${file}`);
    expect(result.stdout).toMatch(/Next steps:\n {2}1\. kiosk doctor --config/);
    expect(result.stdout).not.toContain('mật-khẩu-bí-mật');
    expect(result.stdout).not.toContain('2468');

    const check = await kiosk(['config', 'check', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toBe(`${file}: OK\n`);

    const config = await loadConfig(file);
    expect(config.device).toMatchObject({
      id: 'hn-bavi-01',
      agency: 'UBND XÃ TẢN LĨNH',
      groups: ['ha-noi', 'ba-vi'],
    });
    expect(config.queue.groups).toMatchObject([
      { prefix: 'A', id: 'tu-phap', name: 'Tư pháp - Hộ tịch', counters: [1, 2] },
      { prefix: 'B', id: 'dat-dai', name: 'Đất đai - Xây dựng', counters: [3] },
    ]);
    expect(config.fleet).toMatchObject({
      enabled: true,
      broker: 'mqtts://fleet.example.vn:8883',
      password: 'mật-khẩu-bí-mật',
    });
    expect(config.display).toMatchObject({ driver: 'fbdev', device: '/dev/fb1', rotation: 90 });
    expect(config.input.buttons).toMatchObject({
      driver: 'gpio',
      pins: { '1': 5, '2': 6, ok: 20, back: 21 },
      debounceMs: 50,
    });
    expect(config.printer).toMatchObject({ driver: 'serial', path: '/dev/kiosk-printer', paperWidth: 58 });
    expect(config.input.touch).toMatchObject({
      driver: 'evdev',
      device: '/dev/kiosk-touch',
      calibration: { minX: 200, maxX: 3900, minY: 150, maxY: 3950, swapXY: false, invertX: true },
    });
    expect(config.voice).toMatchObject({ tts: 'espeak', voice: 'vi-vn-x-south' });
    expect(verifyPin('2468', config.maintenance.pinHash!)).toBe(true);
    expect(verifyPin('2469', config.maintenance.pinHash!)).toBe(false);
    expect(readFileSync(file, 'utf8')).not.toContain('2468');
    // The config holds the broker password: not world-readable.
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['config.yaml']);
  });

  it('re-provisioning changes only what is given and keeps the previous file as .prev', async () => {
    const dir = tempDir('kiosk-prov-');
    const file = join(dir, 'config.yaml');
    const setup = await kiosk(['provision', '--config', file, ...FLAGS]);
    expect(setup.code, setup.stderr).toBe(0);
    const first = readFileSync(file, 'utf8');
    const again = await kiosk([
      'provision',
      '--config',
      file,
      '--yes',
      '--rotation',
      '180',
      '--broker',
      'none',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`previous kept as ${file}.prev`);
    expect(readFileSync(`${file}.prev`, 'utf8')).toBe(first);
    const config = await loadConfig(file);
    expect(config.device.id).toBe('hn-bavi-01');
    expect(config.display.rotation).toBe(180);
    expect(config.fleet.enabled).toBe(false);
    expect(config.printer.paperWidth).toBe(58);
  });

  it('refuses invalid answers, names each field, and leaves the current file untouched', async () => {
    const dir = tempDir('kiosk-prov-');
    const file = join(dir, 'config.yaml');
    const setup = await kiosk(['provision', '--config', file, ...FLAGS]);
    expect(setup.code, setup.stderr).toBe(0);
    const before = readFileSync(file);
    const bad = await kiosk([
      'provision',
      '--config',
      file,
      '--yes',
      '--device-id',
      'Bad ID!',
      '--rotation',
      '45',
      '--paper-width',
      '70',
      '--pin',
      '1230',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not written/);
    expect(bad.stderr).toContain('pin: must be 4-8 digits from 1 to 9');
    const fields = await kiosk([
      'provision',
      '--config',
      file,
      '--yes',
      '--device-id',
      'Bad ID!',
      '--rotation',
      '45',
      '--paper-width',
      '70',
    ]);
    expect(fields.stderr).toContain('device.id: must be 2-63 lower-case letters, digits or dashes');
    expect(fields.stderr).toContain('display.rotation: must be 0, 90, 180 or 270, got 45');
    expect(fields.stderr).toContain('printer.paperWidth: must be 58 or 80, got 70');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['config.yaml']);
  });

  it('writes inline PEM files from a provisioning JSON next to the config (key not world-readable)', async () => {
    const dir = tempDir('kiosk-prov-');
    const file = join(dir, 'config.yaml');
    const pem = (kind: string) => `-----BEGIN ${kind}-----\nMIIB\n-----END ${kind}-----`;
    const answers = join(dir, 'answers.json');
    writeFileSync(
      answers,
      JSON.stringify({
        deviceId: 'hn-tls-01',
        broker: 'mqtts://fleet.example.vn:8883',
        ca: pem('CERTIFICATE'),
        cert: pem('CERTIFICATE'),
        key: pem('PRIVATE KEY'),
        fleetPublicKey: pem('PUBLIC KEY'),
      }),
    );
    const result = await kiosk(['provision', '--config', file, '--from-file', answers]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('PRIVATE KEY');
    const config = await loadConfig(file);
    expect(config.fleet.key).toBe(join(dir, 'tls', 'key.pem'));
    expect(readFileSync(config.fleet.key!, 'utf8')).toBe(`${pem('PRIVATE KEY')}\n`);
    expect(statSync(config.fleet.key!).mode & 0o777).toBe(0o640);
    expect(statSync(config.fleet.ca!).mode & 0o777).toBe(0o644);
    expect(config.fleet.fleetPublicKey).toBe(join(dir, 'tls', 'fleet-public-key.pem'));
  });
});

describe('Technician: kiosk provision (interactive, answers on stdin)', () => {
  // One line per prompt in order; questions that do not apply (fbdev device for a mock display,
  // TLS files with the fleet off, ...) are not asked.
  const answers = [
    'hn-bavi-02', // device id
    'UBND XÃ VÂN HOÀ', // agency
    '', // centre: keep
    'ha-noi,ba-vi', // fleet groups
    '', // service groups: keep
    'none', // broker: fleet off, so no username/password/TLS questions
    '', // display driver: keep mock
    '', // width
    '', // height
    '45', // rotation: wrong, asked again
    '180', // rotation
    '', // touch
    '', // buttons
    '', // printer
    '58', // paper width
    '', // scanner
    '', // audio
    '', // volume
    '', // tts
    'south', // voice region
    '', // data dir
    '12', // PIN: too short, asked again
    '3579', // PIN
    'yes', // write?
  ];

  it('asks each question, re-asks after an invalid answer, and writes a valid config', async () => {
    const dir = tempDir('kiosk-prov-');
    const file = join(dir, 'config.yaml');
    const result = await kiosk(['provision', '--config', file], { input: `${answers.join('\n')}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Device id (lower-case letters, digits, dashes; e.g. hn-bavi-01): ');
    expect(result.stdout).toContain('✗ display.rotation: must be 0, 90, 180 or 270, got 45');
    expect(result.stdout).toContain('✗ pin: must be 4-8 digits from 1 to 9');
    expect(result.stdout).not.toContain('MQTT username');
    expect(result.stdout).not.toContain('3579');
    const config = await loadConfig(file);
    expect(config.device).toMatchObject({
      id: 'hn-bavi-02',
      agency: 'UBND XÃ VÂN HOÀ',
      groups: ['ha-noi', 'ba-vi'],
    });
    expect(config.display.rotation).toBe(180);
    expect(config.printer.paperWidth).toBe(58);
    expect(config.voice.voice).toBe('vi-vn-x-south');
    // The production data dir, where the systemd unit lets the kiosk write.
    expect(config.storage.dataDir).toBe('/var/lib/smart-kiosk');
    expect(verifyPin('3579', config.maintenance.pinHash!)).toBe(true);
    expect((await kiosk(['config', 'check', file])).code).toBe(0);
  });

  it('writes nothing when the technician answers no, or when input ends early', async () => {
    const dir = tempDir('kiosk-prov-');
    const file = join(dir, 'config.yaml');
    const declined = [...answers.slice(0, -1), 'no'];
    const no = await kiosk(['provision', '--config', file], { input: `${declined.join('\n')}\n` });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('cancelled; nothing was written');
    const early = await kiosk(['provision', '--config', file], { input: 'hn-bavi-03\n' });
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/input ended before/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
