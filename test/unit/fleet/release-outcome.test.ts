import { describe, expect, it } from 'vitest';
import { releaseOutcome } from '../../../domain/fleet/release-outcome.js';

describe('releaseOutcome: what a kiosk status says about an app release', () => {
  it('names the stage in the words of its event', () => {
    const at = (update: Record<string, unknown>, appVersion = '1.0.0') =>
      releaseOutcome({ appVersion, update }, '2.0.0');
    expect(at({ state: 'downloading', version: '2.0.0', have: 1, need: 3 })).toBeUndefined();
    expect(at({ state: 'installing', version: '2.0.0' })).toBeUndefined();
    expect(at({ state: 'waiting-for-idle', version: '2.0.0', reason: 'used 0 min ago' })).toBe(
      'app-downloaded',
    );
    expect(at({ state: 'switching', version: '2.0.0' })).toBe('app-switching');
    expect(at({ state: 'health-check', version: '2.0.0' }, '2.0.0')).toBe('app-switching');
    expect(at({ state: 'committed', version: '2.0.0' }, '2.0.0')).toBe('app-updated');
    expect(at({ state: 'refused', version: '2.0.0', code: 'abi', reason: 'ABI 115, kiosk 109' })).toBe(
      'app-refused: ABI 115, kiosk 109',
    );
    expect(at({ state: 'rolled-back', version: '2.0.0', reason: 'health check failed' })).toBe(
      'app-rolled-back: health check failed',
    );
  });

  it('says nothing about another version, and counts a kiosk running the version as updated', () => {
    expect(
      releaseOutcome({ appVersion: '1.0.0', update: { state: 'committed', version: '1.5.0' } }, '2.0.0'),
    ).toBe(undefined);
    expect(releaseOutcome({ appVersion: '1.0.0', update: { state: 'idle' } }, '2.0.0')).toBeUndefined();
    // an offline status carries the brief update (state only) and the version it runs
    expect(releaseOutcome({ appVersion: '2.0.0', update: { state: 'idle' } }, '2.0.0')).toBe('app-updated');
    expect(releaseOutcome({}, '2.0.0')).toBeUndefined();
  });

  it('cuts a device-sent reason and survives a malformed one', () => {
    const long = 'x'.repeat(2000);
    expect(
      releaseOutcome({ update: { state: 'refused', version: '2.0.0', reason: long } }, '2.0.0'),
    ).toHaveLength('app-refused: '.length + 500);
    expect(releaseOutcome({ update: { state: 'refused', version: '2.0.0', reason: 42 } }, '2.0.0')).toBe(
      'app-refused: no reason given',
    );
  });
});
