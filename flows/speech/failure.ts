import { promptText } from '../../voice/prompts/index.js';
import type { Lang } from '../../ui-framebuffer/localize.js';

/** Said when an action failed: sorry, ask at the counter, OK goes home. */
export const actionFailedSpeech = (lang: Lang): string => promptText('common.action-failed', lang);

/** Said when the kiosk switches to a new app release: it restarts, wait about a minute. */
export const updatingSpeech = (lang: Lang): string => promptText('common.updating', lang);
