import { looksLikeCccd } from '../domain/identity/cccd.js';
import { looksLikeDossierSlip, parseDossierSlip } from '../domain/identity/dossier-slip.js';
import { QueueClosedError } from '../domain/queue/queue-service.js';
import type { Navigator } from '../ui-framebuffer/screen.js';
import { createCitizenScreen, createScanErrorScreen } from '../ui-framebuffer/screens/citizen.js';
import { createClosedScreen } from '../ui-framebuffer/screens/closed.js';
import { openDossierStatus } from '../ui-framebuffer/screens/dossier.js';
import type { FlowDeps } from '../ui-framebuffer/screens/flow-deps.js';
import { createTicketScreen } from '../ui-framebuffer/screens/ticket.js';

/**
 * Takes a number for a group: outside its hours the closed screen says when it opens; otherwise
 * the number is committed, printed and shown.
 */
export async function takeNumber(nav: Navigator, deps: FlowDeps, groupId: string): Promise<void> {
  const group = deps.queue.group(groupId);
  const availability = deps.queue.availability(groupId);
  if (!availability.open) {
    nav.go(createClosedScreen(nav, group, availability));
    return;
  }
  try {
    nav.go(createTicketScreen(nav, await deps.desk.issue(groupId), deps.desk));
  } catch (err) {
    // Hours ended between the check and the issue: nothing was issued.
    if (!(err instanceof QueueClosedError)) throw err;
    const now = deps.queue.availability(groupId);
    if (!now.open) nav.go(createClosedScreen(nav, group, now));
  }
}

/** The group serving a procedure's field, else the first (default) group. */
export function groupForField(deps: FlowDeps, field: string): string {
  return (deps.queue.groupForField(field) ?? deps.queue.groups()[0])?.id ?? '';
}

/**
 * A scan anywhere in the citizen flows: a CCCD greets the (new) citizen, an appointment slip
 * looks up the dossier. Returns true when the scan was handled.
 */
export function routeScan(nav: Navigator, deps: FlowDeps, data: string): boolean {
  if (looksLikeCccd(data) || data.includes('|')) {
    // Whoever was here before is gone: back to a clean home, then greet the new citizen.
    nav.home();
    const parsed = deps.identity.accept(data);
    nav.go(parsed.ok ? createCitizenScreen(nav, deps) : createScanErrorScreen(nav, parsed.problem));
    return true;
  }
  if (looksLikeDossierSlip(data)) {
    const slip = parseDossierSlip(data);
    if (slip.ok) {
      void openDossierStatus(nav, deps, slip.dossierNumber);
      return true;
    }
  }
  return false;
}
