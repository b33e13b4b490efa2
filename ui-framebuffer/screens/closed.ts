import { describeHours, describeOpening } from '../../domain/queue/opening-hours.js';
import type { GroupAvailability } from '../../domain/queue/queue-service.js';
import type { GroupInfo } from '../../domain/queue/ticket-store.js';
import type { Navigator, Screen } from '../screen.js';
import { createMessageScreen, HOME_ACTION } from './message.js';

/** Outside opening hours: says when the group opens instead of issuing a number. */
export function createClosedScreen(
  nav: Navigator,
  group: GroupInfo,
  availability: Extract<GroupAvailability, { open: false }>,
  chooseAnother?: () => void,
): Screen {
  const name = (lang: 'vi' | 'en'): string => (lang === 'en' && group.nameEn ? group.nameEn : group.name);
  return createMessageScreen(nav, {
    name: 'closed',
    tone: 'warning',
    title: { vi: 'Ngoài giờ làm việc', en: 'Outside opening hours' },
    lines: (lang) =>
      lang === 'vi'
        ? [
            `${name(lang)} hiện chưa nhận số thứ tự.`,
            `Mời quay lại lúc ${describeOpening(availability.next, 'vi')}.`,
            `Giờ làm việc: ${describeHours(availability.hours, 'vi')}`,
          ]
        : [
            `${name(lang)} is not issuing numbers now.`,
            `Please come back at ${describeOpening(availability.next, 'en')}.`,
            `Opening hours: ${describeHours(availability.hours, 'en')}`,
          ],
    speech: (lang) =>
      lang === 'vi'
        ? `Hiện đang ngoài giờ làm việc. ${name(lang)} chưa nhận số thứ tự. Mời quay lại lúc ${describeOpening(availability.next, 'vi')}.`
        : `We are closed now. Please come back at ${describeOpening(availability.next, 'en')}.`,
    describe: () => ({ group: group.id, opensAt: availability.next ?? null }),
    actions: [
      HOME_ACTION(nav),
      ...(chooseAnother
        ? [
            {
              id: 'other-group',
              label: { vi: 'Chọn lĩnh vực khác', en: 'Other service' },
              button: '1' as const,
              activate: chooseAnother,
            },
          ]
        : []),
    ],
  });
}
