import { createScanIdScreen } from './citizen.js';
import { createDossierScreen } from './dossier.js';
import type { FlowDeps } from './flow-deps.js';
import { takeNumber } from './flow-actions.js';
import { createGroupsScreen } from './groups.js';
import { createRatingScreen } from './rating.js';
import { createProcedureScreen } from './procedure.js';
import { createSearchScreen } from './search.js';

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
  deps.screens.set('procedure', (nav) => {
    // A representative detail for previews: the first procedure of the loaded catalog.
    const first = deps.catalog()?.catalog.procedures[0];
    return first ? createProcedureScreen(nav, deps, first) : createSearchScreen(nav, deps);
  });
}
