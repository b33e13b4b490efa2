import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AudioOutput } from '../../drivers/audio/types.js';
import { silentWav } from '../../runtime/wav.js';
import { DriverError } from '../../runtime/errors.js';

/** Behaviour every AudioOutput must have; run against the mock and ALSA (null PCM). */
export function describeAudioContract(name: string, create: () => AudioOutput): void {
  describe(`Audio contract: ${name}`, () => {
    let audio: AudioOutput;
    beforeEach(async () => {
      audio = create();
      await audio.open();
    });
    afterEach(async () => {
      await audio.close();
    });

    it('plays a WAV and resolves when done; several in a row', async () => {
      await audio.play(silentWav(100, 16_000));
      await audio.play(silentWav(50, 22_050));
    });

    it('rejects an already-aborted play with DriverError canceled', async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await audio.play(silentWav(100, 16_000), controller.signal).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DriverError);
      expect((err as DriverError).kind).toBe('canceled');
    });

    it('rejects a volume outside 0-100 with a TypeError naming the field', async () => {
      await expect(audio.setVolume(101)).rejects.toThrow(/volume/);
      await expect(audio.setVolume(-1)).rejects.toThrow(TypeError);
    });

    it('stop() with nothing playing is harmless', async () => {
      await audio.stop();
      await audio.play(silentWav(20, 16_000));
    });
  });
}
