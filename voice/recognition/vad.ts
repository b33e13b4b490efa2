export interface VadOptions {
  sampleRate: number;
  /** Analysis frame. Default 20 ms. */
  frameMs?: number;
  /** A frame is speech when it is this many dB above the noise floor. Default 12. */
  marginDb?: number;
  /** ... and above this absolute level (dBFS). Default -50. */
  minLevelDb?: number;
  /** Voiced time needed to declare speech (ignores clicks). Default 80 ms. */
  minSpeechMs?: number;
  /** Silence after speech that ends the utterance (endpoint). Default 900 ms. */
  endSilenceMs?: number;
}

/** Highest noise floor the first 100 ms may set (a loud room still counts as at most this). */
const CALIBRATION_CAP_DB = -45;

export type VadEvent = { type: 'speech-start'; atMs: number } | { type: 'speech-end'; atMs: number };

export interface Segment {
  startMs: number;
  endMs: number;
}

/** Level of a frame in dBFS (full-scale sine ≈ -3 dB, digital silence -100 dB). */
export function frameDb(samples: Int16Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) {
    const v = (samples[i] ?? 0) / 32768;
    sum += v * v;
  }
  const mean = to > from ? sum / (to - from) : 0;
  return mean > 1e-10 ? 10 * Math.log10(mean) : -100;
}

/**
 * Energy voice-activity detector with an adaptive noise floor, for push-to-talk: it tells when the
 * citizen starts speaking and when they have stopped (endSilenceMs of quiet), so a held button
 * with silence ends cleanly. Feed 16-bit mono PCM in any chunk size.
 */
export class EnergyVad {
  private readonly frame: number;
  private readonly o: Required<Omit<VadOptions, 'sampleRate'>>;
  private carry: Int16Array = new Int16Array(0);
  private processed = 0;
  /** Starts as a quiet room; adapts to the real noise within a few hundred ms of non-speech. */
  private floorDb = -65;
  private voicedRun = 0;
  private silentRun = 0;
  private inSpeech = false;
  private lastVoicedEndMs = 0;
  private calibrated = 0;

  constructor(readonly options: VadOptions) {
    if (!Number.isInteger(options.sampleRate) || options.sampleRate < 8000) {
      throw new TypeError(
        `sampleRate: must be a whole number of Hz, 8000 or more, got ${options.sampleRate}`,
      );
    }
    this.o = {
      frameMs: options.frameMs ?? 20,
      marginDb: options.marginDb ?? 12,
      minLevelDb: options.minLevelDb ?? -50,
      minSpeechMs: options.minSpeechMs ?? 80,
      endSilenceMs: options.endSilenceMs ?? 900,
    };
    this.frame = Math.round((options.sampleRate * this.o.frameMs) / 1000);
  }

  get speaking(): boolean {
    return this.inSpeech;
  }

  /** Current noise floor estimate in dBFS. */
  get noiseFloorDb(): number {
    return this.floorDb;
  }

  /** Processes samples; returns the events they caused, with times from the start of the stream. */
  push(chunk: Int16Array): VadEvent[] {
    const samples = new Int16Array(this.carry.length + chunk.length);
    samples.set(this.carry);
    samples.set(chunk, this.carry.length);
    const events: VadEvent[] = [];
    let offset = 0;
    for (; offset + this.frame <= samples.length; offset += this.frame) {
      const db = frameDb(samples, offset, offset + this.frame);
      const endMs = ((this.processed + 1) * this.frame * 1000) / this.options.sampleRate;
      this.processed++;
      this.step(db, endMs, events);
    }
    this.carry = samples.slice(offset);
    return events;
  }

  /** Ends the stream (button released): closes an open utterance. */
  end(): VadEvent[] {
    if (!this.inSpeech) return [];
    this.inSpeech = false;
    return [{ type: 'speech-end', atMs: this.lastVoicedEndMs }];
  }

  private step(db: number, endMs: number, events: VadEvent[]): void {
    // The first 100 ms after the button goes down measure the room (people start talking later).
    if (this.calibrated < 100) {
      // Capped: someone who starts talking at once must not become the "noise".
      const level = Math.min(db, CALIBRATION_CAP_DB);
      this.floorDb = this.calibrated === 0 ? level : Math.min(this.floorDb, level);
      this.calibrated += this.o.frameMs;
      return;
    }
    const floor = this.floorDb;
    const voiced = db > this.o.minLevelDb && db > floor + this.o.marginDb;
    if (!voiced) {
      // Track the floor quickly downwards, slowly upwards (so speech does not raise it).
      this.floorDb = db < floor ? floor + (db - floor) * 0.5 : floor + (db - floor) * 0.02;
      this.voicedRun = 0;
      this.silentRun += this.o.frameMs;
      if (this.inSpeech && this.silentRun >= this.o.endSilenceMs) {
        this.inSpeech = false;
        events.push({ type: 'speech-end', atMs: this.lastVoicedEndMs });
      }
      return;
    }
    // Rise very slowly even while "voiced", so a steady noise (a fan) stops counting as speech.
    this.floorDb = floor + (db - floor) * 0.005;
    this.silentRun = 0;
    this.voicedRun += this.o.frameMs;
    this.lastVoicedEndMs = endMs;
    if (!this.inSpeech && this.voicedRun >= this.o.minSpeechMs) {
      this.inSpeech = true;
      events.push({ type: 'speech-start', atMs: endMs - this.voicedRun });
    }
  }
}

/** Speech segments in a whole recording. */
export function detectSegments(samples: Int16Array, options: VadOptions): Segment[] {
  const vad = new EnergyVad(options);
  const segments: Segment[] = [];
  let start: number | undefined;
  for (const e of [...vad.push(samples), ...vad.end()]) {
    if (e.type === 'speech-start') start = e.atMs;
    else if (start !== undefined) {
      segments.push({ startMs: start, endMs: e.atMs });
      start = undefined;
    }
  }
  return segments;
}
