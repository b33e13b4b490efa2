import type { Printer } from '../../drivers/printer/types.js';
import type { Clock } from '../../runtime/clock.js';
import { configNotices, loadConfig } from '../../runtime/config/load.js';
import type { ConfigStore } from '../../runtime/config/config-store.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { errorMessage } from '../../runtime/errors.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../events.js';
import type { ServiceManager } from '../../runtime/service-manager.js';
import type { CheckReport } from '../../runtime/check-result.js';
import type { DeviceActions, KioskCondition } from './device-actions.js';

export interface KioskActionDeps {
  config: KioskConfig;
  /** The running config: reload-config applies the file through it (its subscribers act on the change). */
  settings: ConfigStore;
  /** The config file the kiosk started from (reload-config re-reads it). */
  configFile?: string;
  bus: EventBus<KioskEvents>;
  clock: Clock;
  services: ServiceManager;
  printer: Printer;
  driverKinds: Record<string, string>;
  say(text: string, lang: 'vi' | 'en'): Promise<void>;
  /** The speaker volume's one owner, the voice service (it applies quiet hours). */
  speaker: { volume(): number; setVolume(volume: number): Promise<void> };
  screenshot(): Buffer | undefined;
  /** What needs a technician now (storage, catalog, clock): the status document shows it. */
  condition(): KioskCondition;
  /** Runs the kiosk's one list of checks (built once in app/compose.ts, shared with the maintenance screen). */
  runChecks(): Promise<CheckReport>;
  /** Stops the process cleanly (the service manager restarts it). */
  exit(): void;
}

/** The fleet's view of the composed kiosk. */
export function createKioskActions(k: KioskActionDeps): DeviceActions {
  const counters: Record<string, number> = {
    ticketsIssued: 0,
    printed: 0,
    printFailures: 0,
    scans: 0,
    buttonPresses: 0,
  };
  const lastSeen: { button: number | null; scanner: number | null; touch: number | null } = {
    button: null,
    scanner: null,
    touch: null,
  };
  k.bus.on('fleet-actions', 'ticket.issued', () => counters.ticketsIssued!++);
  k.bus.on('fleet-actions', 'printer.printed', () => counters.printed!++);
  k.bus.on('fleet-actions', 'outbox.queued', (m) => {
    if (m.kind === 'record' && m.topic.includes('rating')) counters.ratings = (counters.ratings ?? 0) + 1;
  });
  k.bus.on('fleet-actions', 'printer.failed', () => counters.printFailures!++);
  k.bus.on('fleet-actions', 'input.scan', (e) => {
    counters.scans!++;
    lastSeen.scanner = e.at;
  });
  k.bus.on('fleet-actions', 'input.button', (e) => {
    counters.buttonPresses!++;
    lastSeen.button = e.at;
  });
  k.bus.on('fleet-actions', 'input.touch', (e) => {
    lastSeen.touch = e.at;
  });
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

  const printerState = async (): Promise<Record<string, unknown>> => {
    try {
      const s = await k.printer.status();
      return { driver: k.driverKinds.printer, ...s };
    } catch (err) {
      return { driver: k.driverKinds.printer, online: false, error: errorMessage(err) };
    }
  };

  return {
    async peripherals() {
      const running = new Map(k.services.status().map((s) => [s.name, s.state]));
      return {
        printer: await printerState(),
        scanner: {
          driver: k.driverKinds.scanner,
          service: running.get('input') ?? 'absent',
          lastScan: iso(lastSeen.scanner),
        },
        buttons: { driver: k.driverKinds.buttons, lastPress: iso(lastSeen.button) },
        touch: { driver: k.driverKinds.touch, lastTouch: iso(lastSeen.touch) },
        display: { driver: k.driverKinds.display, service: running.get('ui') ?? 'absent' },
        audio: { driver: k.driverKinds.audio, volume: k.speaker.volume() },
      };
    },
    counters: () => ({ ...counters }),
    services: () => k.services.status(),
    condition: () => k.condition(),
    setVolume: (v) => k.speaker.setVolume(v),
    announce: (text, lang) => k.say(text, lang),
    async screenshot() {
      const png = k.screenshot();
      if (!png) throw new Error('nothing has been drawn yet (is the ui service running?)');
      return png;
    },
    restart(delayMs) {
      setTimeout(() => k.exit(), delayMs).unref();
    },
    async reloadConfig() {
      if (!k.configFile)
        throw new Error('the kiosk was started without --config; there is no file to reload');
      const next = await loadConfig(k.configFile);
      const { applied, needsRestart, failed } = await k.settings.apply(next);
      const notices = configNotices(next);
      return {
        file: k.configFile,
        applied,
        needsRestart,
        ...(failed.length > 0 ? { failed } : {}),
        ...(notices.length > 0 ? { notices } : {}),
      };
    },
    selftest: () => k.runChecks(),
  };
}
