import { createScanIdScreen } from '../ui-framebuffer/screens/citizen.js';
import { nextOpening, parseOpeningHours } from '../domain/queue/opening-hours.js';
import { createClosedScreen } from '../ui-framebuffer/screens/closed.js';
import { createDossierScreen, createDossierStatusScreen } from '../ui-framebuffer/screens/dossier.js';
import { createApologyScreen, createClarifyScreen } from '../ui-framebuffer/screens/results.js';
import type { FlowDeps } from '../ui-framebuffer/screens/flow-deps.js';
import { takeNumber } from './flow-actions.js';
import { createGroupsScreen } from '../ui-framebuffer/screens/groups.js';
import { createRatingScreen } from '../ui-framebuffer/screens/rating.js';
import { createProcedureScreen } from '../ui-framebuffer/screens/procedure.js';
import { createSearchScreen } from '../ui-framebuffer/screens/search.js';

/**
 * Adds the citizen flows to the home menu, in the order the numbered buttons follow:
 * 1 take a number (default group, at once), 2 procedures, 3 dossier, 4 rating, 5 choose the field,
 * 6 scan the ID card. Also registers each screen by name for `kiosk render --screen NAME`.
 */
export function registerFlowScreens(deps: FlowDeps): void {
  const defaultGroup = deps.queue.groups()[0]?.id ?? '';
  deps.homeEntries.push(
    {
      id: 'take-number',
      label: { vi: 'Lấy số thứ tự', en: 'Take a queue number' },
      open: (nav) => takeNumber(nav, deps, defaultGroup),
    },
    {
      id: 'search',
      label: { vi: 'Tra cứu thủ tục', en: 'Find a procedure' },
      open: (nav) => nav.go(createSearchScreen(nav, deps)),
    },
    {
      id: 'dossier',
      label: { vi: 'Tra cứu hồ sơ', en: 'Check my dossier' },
      open: (nav) => nav.go(createDossierScreen(nav, deps)),
    },
    {
      id: 'rating',
      label: { vi: 'Đánh giá', en: 'Rate our service' },
      open: (nav) => nav.go(createRatingScreen(nav, deps)),
    },
    {
      id: 'groups',
      label: { vi: 'Chọn lĩnh vực', en: 'Choose a service' },
      open: (nav) => nav.go(createGroupsScreen(nav, deps)),
    },
    {
      id: 'scan-id',
      label: { vi: 'Quét thẻ căn cước', en: 'Scan ID card' },
      open: (nav) => nav.go(createScanIdScreen(nav, deps)),
    },
  );
  deps.screens.set('groups', (nav) => createGroupsScreen(nav, deps));
  deps.screens.set('search', (nav) => createSearchScreen(nav, deps));
  deps.screens.set('dossier', (nav) => createDossierScreen(nav, deps));
  deps.screens.set('rating', (nav) => createRatingScreen(nav, deps));
  deps.screens.set('scan-id', (nav) => createScanIdScreen(nav, deps));
  // Previews for `kiosk render` (no side effects: nothing is issued, looked up or stored).
  deps.screens.set('closed', (nav) => {
    const group = deps.queue.groups()[0];
    const configured = deps.queue.hours(group?.id ?? '');
    // Always-open kiosks have no closed screen of their own: preview the usual commune hours.
    const hours = configured.sessions.length
      ? configured
      : parseOpeningHours(['07:00-11:30', '13:30-17:00'], configured.days);
    const next = nextOpening(hours, deps.clock.now(), deps.config.device.timeZone);
    return createClosedScreen(nav, group ?? deps.queue.group(defaultGroup), { open: false, next, hours });
  });
  deps.screens.set('dossier-status', (nav) =>
    createDossierStatusScreen(nav, deps, {
      kind: 'unavailable',
      dossierNumber: 'H26.22.12-251125-0003',
      reason: 'offline',
    }),
  );
  deps.screens.set('apologize', (nav) => createApologyScreen(nav, deps, 'xin visa đi Mỹ'));
  deps.screens.set('results', (nav) => {
    const hits = deps.catalog()?.search.search('đất đai', { limit: 9 }).results ?? [];
    return hits.length
      ? createClarifyScreen(nav, deps, 'đất đai', hits)
      : createApologyScreen(nav, deps, 'đất đai');
  });
  deps.screens.set('procedure', (nav) => {
    // A representative detail for previews: birth registration when the catalog has it.
    const catalog = deps.catalog();
    const first = catalog?.get('1.001193') ?? catalog?.catalog.procedures[0];
    return first ? createProcedureScreen(nav, deps, first) : createSearchScreen(nav, deps);
  });
}
