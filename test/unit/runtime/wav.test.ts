import { describe, expect, it } from 'vitest';
import { durationSeconds, encodeWav, looksLikeWav, parseWav, silentWav } from '../../../runtime/wav.js';

describe('runtime/wav.ts: the one WAV codec', () => {
  it('silentWav is a 16-bit mono PCM WAV of zeros that parses back to its length', () => {
    const wav = silentWav(100, 16_000);
    expect(wav.length).toBe(44 + 1600 * 2);
    const header = Buffer.from(wav);
    expect(header.toString('ascii', 0, 4) + header.toString('ascii', 8, 16)).toBe('RIFFWAVEfmt ');
    expect(header.readUInt32LE(4)).toBe(36 + 3200);
    expect(looksLikeWav(wav)).toBe(true);
    const audio = parseWav(wav);
    expect(audio).toMatchObject({ sampleRate: 16_000, channels: 1 });
    expect(durationSeconds(audio)).toBeCloseTo(0.1, 6);
    expect(audio.samples.every((s) => s === 0)).toBe(true);
  });

  it('encodeWav and parseWav round-trip samples', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    expect(parseWav(encodeWav({ sampleRate: 8000, channels: 2, samples })).samples).toEqual(samples);
  });
});
