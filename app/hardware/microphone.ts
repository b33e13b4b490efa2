import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockMic } from '../../hardware-mocks/microphone.js';
import { ArecordMic, type MicInput } from '../../drivers/microphone/arecord-mic.js';

/** The microphone for push-to-talk, from config `audio.driver` (alsa: arecord on captureDevice). */
export function createMic(config: KioskConfig['audio']): MicInput {
  switch (config.driver) {
    case 'alsa':
      return new ArecordMic(config.captureDevice);
    case 'mock':
    case 'none':
      return new MockMic();
  }
}
