import { ticketTimestamp } from '../../runtime/time.js';
import { networkInterfaces } from 'node:os';
import type { Printer } from '../../drivers/printer/types.js';
import type { PrintOutcome } from '../../domain/printing/print-service.js';
import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import type { Logger } from '../../runtime/logger.js';
import type { MaintenancePinPort } from '../../ui-framebuffer/screens/maintenance-pin.js';
import type { MaintenancePort, RecentError } from '../../ui-framebuffer/screens/maintenance.js';
import type { CheckReport } from '../../runtime/check-result.js';
import { MaintenanceGate } from './maintenance-gate.js';
import { errorLine } from '../../ui-framebuffer/check-words.js';
import { serviceReportJob, type ServiceReportFacts } from './maintenance-report.js';

/** What the maintenance screens reach in the running kiosk. */
export interface MaintenanceParts {
  config: KioskConfig;
  clock: Clock;
  log: Logger;
  dataDir: string;
  appVersion: string;
  printer: Printer;
  print(job: Uint8Array, purpose: string): Promise<PrintOutcome>;
  /** The speaker volume's one owner, the voice service. */
  speaker: { volume(): number; setVolume(volume: number): Promise<void> };
  /** Runs the kiosk's one list of checks (built once in app/compose.ts, shared with the fleet selftest). */
  runChecks(): Promise<CheckReport>;
  /** Ends the process so systemd (Restart=always) starts it again. */
  restart(): void;
}

/** IPv4/IPv6 addresses of the non-internal interfaces, `eth0 192.168.1.20`. */
export function localAddresses(): string[] {
  const out: string[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(`${name} ${a.address}`);
  }
  return out;
}

/**
 * The technician's view of the running kiosk, for the maintenance screens: the kiosk's checks (its
 * own devices, not re-opened), the service report, volume, restart and the last errors
 * (MaintenanceService remembers them).
 */
export class MaintenancePanel implements MaintenancePort {
  readonly gate: MaintenanceGate;
  /** The PIN screen's port. */
  readonly pin: MaintenancePinPort;
  readonly deviceId: string;
  readonly appVersion: string;
  readonly nodeVersion = process.versions.node;
  private errors: RecentError[] = [];
  private lastReport: CheckReport | undefined;

  constructor(private readonly parts: MaintenanceParts) {
    this.gate = new MaintenanceGate(parts.config.maintenance, parts.clock);
    this.pin = {
      tryPin: (pin) => this.gate.tryPin(pin),
      lockSeconds: () => this.gate.lockSeconds(),
      log: parts.log,
    };
    this.deviceId = parts.config.device.id;
    this.appVersion = parts.appVersion;
  }

  addresses(): string[] {
    return localAddresses();
  }

  async runChecks(): Promise<CheckReport> {
    this.lastReport = await this.parts.runChecks();
    return this.lastReport;
  }

  /** What the printed service report says now. */
  reportFacts(): ServiceReportFacts {
    const { config, clock } = this.parts;
    return {
      deviceId: config.device.id,
      agency: config.device.agency,
      centre: config.device.centre,
      appVersion: this.appVersion,
      nodeVersion: this.nodeVersion,
      addresses: this.addresses(),
      // Local time, as the screen's clock and the tickets show it.
      printedAt: ticketTimestamp(clock.now(), config.device.timeZone),
      report: this.lastReport,
      errors: this.recentErrors().map((e) => errorLine(e, 'en')),
    };
  }

  printReport(): Promise<PrintOutcome> {
    return this.parts.print(
      serviceReportJob(this.reportFacts(), this.parts.printer.widthDots),
      'service-report',
    );
  }

  volume(): number {
    return this.parts.speaker.volume();
  }

  async setVolume(volume: number): Promise<void> {
    await this.parts.speaker.setVolume(Math.max(0, Math.min(100, volume)));
  }

  restart(): void {
    this.parts.log.warn('restart requested from the maintenance screen');
    this.parts.restart();
  }

  recentErrors(): readonly RecentError[] {
    return this.errors;
  }

  /** Keeps `check` (a fault, timestamped now) among the last 10 errors shown on the screen. */
  remember(check: RecentError['check']): void {
    const at = ticketTimestamp(this.parts.clock.now(), this.parts.config.device.timeZone).slice(0, 8);
    this.errors = [{ at, check }, ...this.errors].slice(0, 10);
  }
}
