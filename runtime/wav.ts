/** A decoded PCM WAV: mono or interleaved channels of 16-bit samples. */
export interface PcmAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved 16-bit samples. */
  samples: Int16Array;
}

/** Thrown for bytes that are not a PCM 16-bit WAV. */
export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
}

/**
 * Parses a RIFF/WAVE file with 16-bit PCM data. Tolerates the 0xFFFFFFFF sizes espeak-ng writes
 * to stdout (it cannot seek back to fix them): the data then runs to the end of the buffer.
 */
export function parseWav(bytes: Uint8Array): PcmAudio {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavFormatError('not a WAV file (no RIFF/WAVE header)');
  }
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number; tag: number } | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const declared = buf.readUInt32LE(offset + 4);
    const start = offset + 8;
    const size = Math.min(declared, buf.length - start);
    if (id === 'fmt ') {
      if (size < 16) throw new WavFormatError('WAV fmt chunk too short');
      format = {
        tag: buf.readUInt16LE(start),
        channels: buf.readUInt16LE(start + 2),
        sampleRate: buf.readUInt32LE(start + 4),
        bits: buf.readUInt16LE(start + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new WavFormatError('WAV data chunk before fmt chunk');
      if (format.tag !== 1 || format.bits !== 16) {
        throw new WavFormatError(
          `only 16-bit PCM WAV is supported, got format ${format.tag}/${format.bits} bits`,
        );
      }
      const usable = size - (size % 2);
      const samples = new Int16Array(usable / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(start + i * 2);
      return { sampleRate: format.sampleRate, channels: format.channels, samples };
    }
    offset = start + size + (size % 2);
  }
  throw new WavFormatError('WAV file has no data chunk');
}

/** Cheap check of a stored WAV: RIFF/WAVE header and a RIFF size that matches the file. */
export function looksLikeWav(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 44) return false;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    buf.toString('ascii', 0, 4) === 'RIFF' &&
    buf.toString('ascii', 8, 12) === 'WAVE' &&
    buf.readUInt32LE(4) === buf.length - 8
  );
}

/** Builds a 16-bit PCM WAV file. */
export function encodeWav(audio: PcmAudio): Uint8Array {
  const dataBytes = audio.samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(audio.channels, 22);
  out.writeUInt32LE(audio.sampleRate, 24);
  out.writeUInt32LE(audio.sampleRate * audio.channels * 2, 28);
  out.writeUInt16LE(audio.channels * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < audio.samples.length; i++) out.writeInt16LE(audio.samples[i] ?? 0, 44 + i * 2);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** WAVs of one format played one after the other as one file; undefined when their formats differ. */
export function joinWavs(wavs: readonly Uint8Array[]): Uint8Array | undefined {
  const audios = wavs.map(parseWav);
  const first = audios[0];
  if (!first || audios.some((a) => a.sampleRate !== first.sampleRate || a.channels !== first.channels))
    return undefined;
  const samples = new Int16Array(audios.reduce((n, a) => n + a.samples.length, 0));
  let at = 0;
  for (const a of audios) {
    samples.set(a.samples, at);
    at += a.samples.length;
  }
  return encodeWav({ sampleRate: first.sampleRate, channels: first.channels, samples });
}

/** A 16-bit mono WAV of silence. */
export function silentWav(durationMs: number, sampleRate: number): Uint8Array {
  const samples = new Int16Array(Math.round((durationMs / 1000) * sampleRate));
  return encodeWav({ sampleRate, channels: 1, samples });
}

/** Rewrites the RIFF and data sizes so players that trust them (aplay, browsers) read the whole file. */
export function fixWavSizes(bytes: Uint8Array): Uint8Array {
  return encodeWav(parseWav(bytes));
}

export function durationSeconds(audio: PcmAudio): number {
  return audio.samples.length / audio.channels / audio.sampleRate;
}

/** Root-mean-square level of the samples, 0..1 of full scale. */
export function rms(samples: Int16Array, from = 0, to = samples.length): number {
  if (to <= from) return 0;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const v = (samples[i] ?? 0) / 32768;
    sum += v * v;
  }
  return Math.sqrt(sum / (to - from));
}

/** Seconds of audio whose 20 ms frames are louder than `threshold` (RMS, 0..1). */
export function voicedSeconds(audio: PcmAudio, threshold = 0.01): number {
  const frame = Math.max(1, Math.round(audio.sampleRate * 0.02) * audio.channels);
  let voiced = 0;
  for (let i = 0; i < audio.samples.length; i += frame) {
    if (rms(audio.samples, i, Math.min(audio.samples.length, i + frame)) > threshold) voiced++;
  }
  return (voiced * frame) / audio.channels / audio.sampleRate;
}

/** Scales the samples by `gain` (0..1), clamping to 16 bits. Returns a new WAV. */
export function scaleVolume(bytes: Uint8Array, gain: number): Uint8Array {
  const audio = parseWav(bytes);
  if (gain >= 1) return bytes;
  const samples = new Int16Array(audio.samples.length);
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round((audio.samples[i] ?? 0) * Math.max(0, gain));
  return encodeWav({ ...audio, samples });
}
