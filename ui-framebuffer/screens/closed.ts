import type { NextOpening } from '../../domain/queue/opening-hours.js';
import type { Lang, Localized } from '../localize.js';
import type { Navigator, Screen } from '../screen.js';
import { createMessageScreen, HOME_ACTION } from '../templates/message.js';

/** A group outside its opening hours, in words. */
export interface ClosedView {
  groupId: string;
  name: Localized;
  /** When it opens next ("07:00 sáng mai (thứ Năm 26/11)"). */
  opens: Localized;
  /** Its opening hours ("Thứ Hai - Thứ Sáu: 07:00-11:30, 13:30-17:00"). */
  hours: Localized;
  /** For the simulator's state. */
  next: NextOpening | undefined;
  speech(lang: Lang): string;
}

/** Outside opening hours: says when the group opens instead of issuing a number. */
export function createClosedScreen(nav: Navigator, view: ClosedView): Screen {
  return createMessageScreen(nav, {
    name: 'closed',
    tone: 'warning',
    title: { vi: 'Ngoài giờ làm việc', en: 'Outside opening hours' },
    lines: (lang) =>
      lang === 'vi'
        ? [
            `${view.name.vi} hiện chưa nhận số thứ tự.`,
            `Mời quay lại lúc ${view.opens.vi}.`,
            `Giờ làm việc: ${view.hours.vi}`,
          ]
        : [
            `${view.name.en} is not issuing numbers now.`,
            `Please come back at ${view.opens.en}.`,
            `Opening hours: ${view.hours.en}`,
          ],
    speech: view.speech,
    describe: () => ({ group: view.groupId, opensAt: view.next ?? null }),
    actions: [HOME_ACTION(nav)],
  });
}
