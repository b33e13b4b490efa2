import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../runtime/errors.js';
import {
  parseAnswers,
  parseButtonPins,
  parseServiceGroup,
  parseTouchAxes,
  redactAnswers,
} from '../../../technician/provision/answers.js';
import { buildConfig } from '../../../technician/provision/build-config.js';
import { assertPin, hashPin, verifyPin } from '../../../technician/provision/pin.js';
import { ManualClock } from '../../../runtime/clock.js';
import { MaintenanceGate } from '../../../technician/maintenance/maintenance-gate.js';

describe('Technician: provisioning answers and the maintenance PIN', () => {
  it('hashes PINs with a salt and verifies them; refuses PINs the buttons cannot type', () => {
    const a = hashPin('2468');
    const b = hashPin('2468');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(verifyPin('2468', a)).toBe(true);
    expect(verifyPin('2469', a)).toBe(false);
    expect(verifyPin('2468', 'scrypt$x')).toBe(false);
    expect(verifyPin('2468', 'md5$1$1$1$AAAA$AAAA')).toBe(false);
    for (const bad of ['123', '1230', '123456789', 'abcd', ''])
      expect(() => assertPin(bad), bad).toThrow(/pin: must be 4-8 digits from 1 to 9/);
  });

  it('locks PIN entry after too many wrong PINs, then unlocks after the lockout', () => {
    const clock = new ManualClock(Date.parse('2026-11-25T08:00:00Z'));
    const gate = new MaintenanceGate({ pinHash: hashPin('1357'), maxAttempts: 3, lockoutSeconds: 60 }, clock);
    expect(gate.tryPin('1111')).toEqual({ result: 'wrong', attemptsLeft: 2 });
    expect(gate.tryPin('1111')).toEqual({ result: 'wrong', attemptsLeft: 1 });
    expect(gate.tryPin('1111')).toEqual({ result: 'locked', seconds: 60 });
    expect(gate.tryPin('1357')).toEqual({ result: 'locked', seconds: 60 });
    clock.advance(59_000);
    expect(gate.tryPin('1357')).toEqual({ result: 'locked', seconds: 1 });
    clock.advance(1000);
    expect(gate.tryPin('1357')).toEqual({ result: 'ok' });
    expect(new MaintenanceGate({ maxAttempts: 3, lockoutSeconds: 60 }, clock).tryPin('1357')).toEqual({
      result: 'no-pin',
    });
  });

  it('parses service groups, button pins, and names the field of every bad answer', () => {
    expect(parseServiceGroup('A:tu-phap:Tư pháp - Hộ tịch:1,2')).toEqual({
      prefix: 'A',
      id: 'tu-phap',
      name: 'Tư pháp - Hộ tịch',
      counters: [1, 2],
    });
    expect(parseServiceGroup('D:tra-ket-qua:Trả kết quả')).toEqual({
      prefix: 'D',
      id: 'tra-ket-qua',
      name: 'Trả kết quả',
      counters: [1],
    });
    expect(() => parseServiceGroup('A-only')).toThrow(
      /serviceGroups: "A-only" must look like PREFIX:id:Name/,
    );
    expect(parseButtonPins('ok=17, back=27,1=5')).toEqual({ ok: 17, back: 27, '1': 5 });
    expect(() => parseButtonPins('ok:17')).toThrow(/buttonPins: "ok:17" must look like ok=17/);
    expect(parseTouchAxes('0,4095, 0,4095,swap,invert-y')).toEqual({
      minX: 0,
      maxX: 4095,
      minY: 0,
      maxY: 4095,
      swapXY: true,
      invertX: false,
      invertY: true,
    });
    expect(() => parseTouchAxes('0,4095')).toThrow(/touchAxes: "0,4095" must look like minX,maxX,minY,maxY/);
    expect(() => parseTouchAxes('0,1,0,1,flip')).toThrow(/unknown option flip/);
    try {
      parseAnswers({ deviceId: 5, rotaton: 90, voiceRegion: 'west' }, 'kiosk-provision.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toEqual([
        'deviceId: must be text, got 5',
        'voiceRegion: must be "north", "central" or "south", got "west"',
        'rotaton: unknown setting (check the spelling)',
      ]);
    }
  });

  it('applies answers on top of the current config, NFC-normalised, without touching other settings', () => {
    const base = {
      device: { id: 'old', timeZone: 'Asia/Ho_Chi_Minh' },
      printer: { driver: 'tcp', host: '10.0.0.9' },
      logLevel: 'debug',
    };
    const decomposed = 'UBND XA\u0303 TA\u0309N LI\u0303NH';
    const { raw, pemFiles } = buildConfig(
      parseAnswers({
        deviceId: 'hn-01',
        agency: decomposed,
        printerPort: '192.168.1.50:9100',
        broker: 'none',
      }),
      base,
      '/etc/smart-kiosk',
    );
    expect(raw).toEqual({
      device: { id: 'hn-01', timeZone: 'Asia/Ho_Chi_Minh', agency: 'UBND XÃ TẢN LĨNH' },
      printer: { driver: 'tcp', host: '192.168.1.50', port: 9100 },
      fleet: { enabled: false },
      storage: { dataDir: '/var/lib/smart-kiosk' },
      logLevel: 'debug',
    });
    expect(pemFiles).toEqual([]);
    expect(base.device.id).toBe('old');
  });

  it('redacts secrets for receipts and logs', () => {
    expect(
      redactAnswers({ deviceId: 'x', password: 'p', key: '-----BEGIN', pin: '1234', username: 'u' }),
    ).toEqual({
      deviceId: 'x',
      password: '(set)',
      key: '(set)',
      pin: '(set)',
      username: 'u',
    });
  });
});
