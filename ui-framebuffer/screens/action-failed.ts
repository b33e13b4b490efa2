import type { Lang } from '../localize.js';
import type { Navigator, Screen } from '../screen.js';
import { createMessageScreen, HOME_ACTION } from '../templates/message.js';

export interface ActionFailedDeps {
  /** What the voice says (flows/speech/failure.ts). */
  speech(lang: Lang): string;
  /** The failed action and its cause for the simulator's /api/state (never personal data). */
  describe(): Record<string, unknown>;
}

/**
 * Something the citizen asked for could not be done (the data disk is full, the database is
 * damaged): nothing was issued or recorded, and the staff at the counter can help.
 */
export function createActionFailedScreen(nav: Navigator, deps: ActionFailedDeps): Screen {
  return createMessageScreen(nav, {
    name: 'action-failed',
    tone: 'warning',
    title: { vi: 'Xin lỗi', en: 'Sorry' },
    lines: (lang) =>
      lang === 'vi'
        ? ['Máy chưa thực hiện được việc này.', 'Vui lòng hỏi cán bộ tại quầy tiếp nhận.']
        : ['The kiosk could not do this.', 'Please ask at the reception counter.'],
    speech: deps.speech,
    describe: deps.describe,
    actions: [HOME_ACTION(nav)],
  });
}
