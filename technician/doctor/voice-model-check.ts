import type { KioskConfig } from '../../runtime/config/schema.js';
import type { DoctorCheck } from './types.js';
import { checkVoskModel } from '../../voice/recognition/model-check.js';
import { defaultModelDir } from '../../voice/recognition/model-install.js';

/** `kiosk doctor`: is push-to-talk on, and is its Vosk model complete? */
export function voiceInputCheck(config: KioskConfig): DoctorCheck {
  const base = { id: 'voice-input', title: 'Voice commands (Vosk)' };
  return {
    ...base,
    async run() {
      const dir = config.voice.recognition.modelDir ?? defaultModelDir(config.storage.dataDir);
      const report = checkVoskModel(dir);
      const detail = { modelDir: dir, layout: report.layout ?? null, bytes: report.bytes };
      if (!config.voice.recognition.enabled) {
        return {
          ...base,
          status: 'skip',
          message: `voice input is off (voice.recognition.enabled: false)${report.ok ? '; a model is installed' : ''}`,
          detail,
        };
      }
      if (report.ok) {
        return { ...base, status: 'ok', message: `Vosk model at ${dir} (${report.layout} layout)`, detail };
      }
      const problems = [...report.missing, ...report.damaged.map((f) => `${f} (empty)`)];
      return {
        ...base,
        status: 'warn',
        code: 'no-model',
        message: `voice input is off: no complete Vosk model at ${dir}; missing ${problems.join(', ')}`,
        hint: 'install one with "kiosk voice model install /path/to/vosk-model-small-vn-0.4" (docs/voice.md); buttons and touch work without it',
        detail,
      };
    },
  };
}
