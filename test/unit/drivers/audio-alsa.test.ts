import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlsaAudio } from '../../../drivers/audio/alsa-audio.js';
import { silentWav } from '../../../runtime/wav.js';
import { DriverError } from '../../../runtime/errors.js';
import { tempDir } from '../../helpers/sim-process.js';

// Real aplay/amixer (alsa-utils) against ALSA's software "null" PCM; no sound card exists
// here, which is exactly the "missing device" case for the failure tests.
describe('Driver: ALSA audio (aplay / amixer)', () => {
  it('plays a real espeak-ng WAV through aplay on the null PCM', async () => {
    const dir = tempDir('alsa-');
    const wav = join(dir, 'xin-chao.wav');
    execFileSync('espeak-ng', ['-v', 'vi', '-w', wav, 'Xin chào']);
    const audio = new AlsaAudio({ device: 'null', mixerControl: 'Master' });
    await audio.open();
    await audio.play(new Uint8Array(readFileSync(wav)));
    await audio.play(silentWav(200, 16_000));
    await audio.close();
  });

  it('reports a missing sound card as no-device with a hint naming the config field', async () => {
    const audio = new AlsaAudio({ device: 'plughw:CARD=NoSuchCard', mixerControl: 'Master' });
    const err = await audio.play(silentWav(100, 16_000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).code).toBe('no-device');
    expect((err as DriverError).hint).toMatch(/audio\.playbackDevice/);
  });

  it('rejects an aborted play as canceled and a bad volume with a TypeError', async () => {
    const audio = new AlsaAudio({ device: 'null', mixerControl: 'Master' });
    const controller = new AbortController();
    controller.abort();
    const err = await audio.play(silentWav(100, 16_000), controller.signal).catch((e: unknown) => e);
    expect((err as DriverError).kind).toBe('canceled');
    await expect(audio.setVolume(150)).rejects.toThrow(/volume/);
  });

  it('explains a volume change without a mixer', async () => {
    const audio = new AlsaAudio({ device: 'null', mixerControl: 'Master', mixerCard: '7' });
    const err = await audio.setVolume(50).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).hint).toBeTruthy();
  });

  it('says to install alsa-utils when the tool is missing', async () => {
    const audio = new AlsaAudio({ device: 'null', mixerControl: 'Master', aplay: 'aplay-not-installed' });
    const err = await audio.open().catch((e: unknown) => e);
    expect((err as DriverError).code).toBe('no-alsa-utils');
  });
});
