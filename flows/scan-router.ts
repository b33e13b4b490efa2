import { looksLikeCccd } from '../domain/identity/cccd.js';
import { looksLikeDossierSlip, parseDossierSlip } from '../domain/identity/dossier-slip.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Service, ServiceContext } from '../runtime/service.js';
import type { Navigator, Screen } from '../ui-framebuffer/screen.js';
import type { FlowDeps } from './flow-deps.js';

/**
 * A scan in the citizen flows: a CCCD greets the (new) citizen, an appointment slip looks up the
 * dossier. Returns true when the scan was handled.
 */
export function routeScan(nav: Navigator, deps: Pick<FlowDeps, 'identity'>, data: string): boolean {
  if (looksLikeCccd(data) || data.includes('|')) {
    // Whoever was here before is gone: back to a clean home, then greet the new citizen, in the
    // language and text size on show (most often they chose them a moment ago to scan).
    nav.home({ keepLook: true });
    const parsed = deps.identity.accept(data);
    if (parsed.ok) nav.open('citizen');
    else nav.open('scan-error', { problem: parsed.problem });
    return true;
  }
  if (looksLikeDossierSlip(data)) {
    const slip = parseDossierSlip(data);
    if (slip.ok) {
      nav.open('dossier-status', { dossierNumber: slip.dossierNumber });
      return true;
    }
  }
  return false;
}

/** The screen on show, as the scan router needs it. */
export interface ShownScreen {
  readonly current: Screen | undefined;
  refresh(): void;
}

/**
 * The one listener that turns scanner reads into citizen flows. The screen on show may claim a
 * scan first (Screen.onScan); where it routes scans (Screen.routesScans) the flows get it, and
 * what they do not recognise goes back to the screen (Screen.onUnroutedScan).
 */
export class ScanRouter implements Service {
  readonly name = 'scan-router';
  readonly dependsOn = ['ui'];
  private off: (() => void) | undefined;

  constructor(
    private readonly bus: EventBus<KioskEvents>,
    private readonly shown: ShownScreen,
    private readonly route: (data: string) => boolean,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    this.off ??= this.bus.on(this.name, 'input.scan', (e) => this.onScan(e.data));
  }

  async stop(): Promise<void> {
    this.off?.();
    this.off = undefined;
  }

  private onScan(data: string): void {
    const screen = this.shown.current;
    if (!screen) return;
    if (screen.onScan?.(data)) return this.shown.refresh();
    if (!screen.routesScans || this.route(data)) return;
    if (screen.onUnroutedScan) {
      screen.onUnroutedScan(data);
      this.shown.refresh();
    }
  }
}
