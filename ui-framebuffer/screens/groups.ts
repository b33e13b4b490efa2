import { describeOpening } from '../../runtime/queue/opening-hours.js';
import type { Navigator, Screen } from '../screen.js';
import { footerHints, header, ListView } from '../widgets/index.js';
import type { FlowDeps } from './flow-deps.js';
import { routeScan, takeNumber } from './flow-actions.js';

/**
 * "Chọn lĩnh vực": the service groups with their prefix letter, counters and how many are
 * waiting; closed groups say when they open. Picking one takes a number for it.
 */
export function createGroupsScreen(nav: Navigator, deps: FlowDeps): Screen {
  const list = new ListView({ id: 'group', maxRows: 6, rowHeight: 64 });
  const name = (g: { name: string; nameEn?: string }, lang: 'vi' | 'en'): string =>
    lang === 'en' && g.nameEn ? g.nameEn : g.name;
  return {
    name: 'groups',
    speech: (lang) =>
      lang === 'vi'
        ? `Chọn lĩnh vực cần giải quyết. ${deps.queue
            .groups()
            .map((g, i) => `Số ${i + 1}: ${g.name}.`)
            .join(' ')}`
        : `Choose a service. ${deps.queue
            .groups()
            .map((g, i) => `${i + 1}: ${name(g, 'en')}.`)
            .join(' ')}`,
    describe: () => ({
      groups: deps.queue
        .groups()
        .map((g) => ({ id: g.id, prefix: g.prefix, open: deps.queue.availability(g.id).open })),
    }),
    onScan: (data) => routeScan(nav, deps, data),
    render(rc) {
      const { lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        vi ? 'Chọn lĩnh vực' : 'Choose a service',
        vi ? 'Bấm số tương ứng để lấy số thứ tự' : 'Press the number to take a queue number',
      );
      const rest = footerHints(rc, area, [{ button: 'back', label: vi ? 'Quay lại' : 'Back' }]);
      return list.render(
        rc,
        rest,
        deps.queue.groups().map((g) => {
          const a = deps.queue.availability(g.id, rc.now);
          const counters = `${vi ? 'Quầy' : 'Counter'} ${g.counters.join(', ')}`;
          const detail = a.open
            ? `${counters} · ${vi ? 'Đang chờ' : 'Waiting'}: ${deps.queue.waiting(g.id)}`
            : `${vi ? 'Đã nghỉ, mở lúc' : 'Closed, opens'} ${describeOpening(a.next, lang)}`;
          return {
            id: g.id,
            label: `${g.prefix} · ${name(g, lang)}`,
            detail,
            activate: () => takeNumber(nav, deps, g.id),
          };
        }),
      );
    },
  };
}
