/**
 * Sound output (ALSA via aplay, or mock). Plays one WAV at a time; play() resolves when the
 * sound has finished and rejects with DriverError('canceled') when stopped or aborted.
 */
export interface AudioOutput {
  readonly kind: string;
  open(): Promise<void>;
  play(wav: Uint8Array, signal?: AbortSignal): Promise<void>;
  /** 0-100. */
  setVolume(volume: number): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}
