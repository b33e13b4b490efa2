import type { Lang } from '../../ui-framebuffer/localize.js';
import { promptText } from '../../voice/prompts/index.js';

export const maintenancePinSpeech = (lang: Lang): string => promptText('maintenance.pin', lang);
export const maintenanceSpeech = (lang: Lang): string => promptText('maintenance.mode', lang);
