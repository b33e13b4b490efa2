import type { KioskConfig } from '../../runtime/config/schema.js';
import { passed, type CheckOptions, type CheckResult } from '../check-types.js';
import { runCheck } from '../run-check.js';
import { AlsaAudio } from './alsa-audio.js';
import { silentWav } from '../../runtime/wav.js';

/** Plays 100 ms of silence on the configured ALSA device (proves the device opens). */
export function checkAudio(config: KioskConfig['audio'], options?: CheckOptions): Promise<CheckResult> {
  const base = { id: 'audio', device: 'audio', driver: config.driver } as const;
  if (config.driver === 'none') return Promise.resolve(passed(base, 'no sound configured'));
  if (config.driver === 'mock') return Promise.resolve(passed(base, 'simulator sound'));
  const audio = new AlsaAudio({
    device: config.playbackDevice,
    mixerControl: config.mixerControl,
    mixerCard: config.mixerCard,
  });
  return runCheck(
    base,
    options,
    async () => {
      await audio.open();
      await audio.play(silentWav(100, 16_000));
      return passed(base, `sound device "${config.playbackDevice}" plays`, { device: config.playbackDevice });
    },
    () => audio.close(),
  );
}
