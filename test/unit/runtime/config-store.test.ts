import { describe, expect, it } from 'vitest';
import { ConfigStore, type ConfigChange } from '../../../runtime/config/config-store.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { createLogger } from '../../../runtime/logger.js';

const log = createLogger('test');

describe('Config store: run-time changes', () => {
  it('writes hot settings into the running config and leaves the others for a restart', async () => {
    const running = validateConfig({ display: { idleTimeoutSeconds: 600 } });
    const store = new ConfigStore(running, log);
    const report = await store.apply(
      validateConfig({
        display: { idleTimeoutSeconds: 30, blankAfterSeconds: 90, rotation: 180 },
        voice: { quietHours: ['21:00-06:00'] },
        device: { agency: 'UBND XÃ KHÁC' },
      }),
    );
    expect(report.applied.sort()).toEqual([
      'display.blankAfterSeconds',
      'display.idleTimeoutSeconds',
      'voice.quietHours',
    ]);
    expect(report.needsRestart.sort()).toEqual(['device.agency', 'display.rotation']);
    expect(report.failed).toEqual([]);
    // The object every service was built with now holds the applied values, and only those.
    expect(store.current).toBe(running);
    expect(running.display).toMatchObject({ idleTimeoutSeconds: 30, blankAfterSeconds: 90, rotation: 0 });
    expect(running.voice.quietHours).toEqual(['21:00-06:00']);
    expect(running.device.agency).not.toBe('UBND XÃ KHÁC');
  });

  it('tells each subscriber only about the paths it asked for, after the values are in place', async () => {
    const store = new ConfigStore(validateConfig({}), log);
    const seen: { owner: string; idle: number; applied: string[] }[] = [];
    const record = (owner: string) => (c: ConfigChange) =>
      void seen.push({ owner, idle: c.config.display.idleTimeoutSeconds, applied: [...c.applied] });
    store.on('ui', ['display.idleTimeoutSeconds', 'display.blankAfterSeconds'], record('ui'));
    const offVolume = store.on('volume', ['voice.volume'], record('volume'));
    await store.apply(validateConfig({ display: { idleTimeoutSeconds: 45 } }));
    expect(seen).toEqual([{ owner: 'ui', idle: 45, applied: ['display.idleTimeoutSeconds'] }]);
    // Nothing changed: nobody is called.
    await store.apply(validateConfig({ display: { idleTimeoutSeconds: 45 } }));
    expect(seen).toHaveLength(1);
    offVolume();
    await store.apply(validateConfig({ display: { idleTimeoutSeconds: 45 }, voice: { volume: 10 } }));
    expect(seen).toHaveLength(1);
  });

  it('a failing subscriber is reported by owner and does not stop the others', async () => {
    const store = new ConfigStore(validateConfig({}), log);
    const volumes: number[] = [];
    store.on('speaker', ['voice.volume'], async () => {
      await Promise.resolve();
      throw new Error('amixer: no such control');
    });
    store.on('voice', ['voice.volume'], ({ config }) => void volumes.push(config.voice.volume));
    const report = await store.apply(validateConfig({ voice: { volume: 20 } }));
    expect(report.failed).toEqual([{ owner: 'speaker', error: 'amixer: no such control' }]);
    expect(volumes).toEqual([20]);
    expect(report.applied).toEqual(['voice.volume']);
  });
});
