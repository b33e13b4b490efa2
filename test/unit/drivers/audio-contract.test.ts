import { AlsaAudio } from '../../../drivers/audio/alsa-audio.js';
import { NoAudio } from '../../../drivers/audio/no-audio.js';
import { MockAudio } from '../../../hardware-mocks/audio.js';
import { describeAudioContract } from '../../contracts/audio.contract.js';

describeAudioContract('MockAudio', () => new MockAudio());
describeAudioContract('NoAudio (driver none)', () => new NoAudio());
describeAudioContract(
  'AlsaAudio on the ALSA null PCM (real aplay)',
  () => new AlsaAudio({ device: 'null', mixerControl: 'Master' }),
);
