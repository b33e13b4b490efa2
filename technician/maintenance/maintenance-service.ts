import { networkInterfaces } from 'node:os';
import type { AudioOutput } from '../../drivers/audio/types.js';
import type { Printer } from '../../drivers/printer/types.js';
import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { brokerCheck, fontsCheck } from '../doctor/app-checks.js';
import { errorResult, printerStatusResult } from '../doctor/device-checks.js';
import { runDoctor } from '../doctor/run-doctor.js';
import {
  cpuCheck,
  databaseCheck,
  dataDirCheck,
  hostProbe,
  nodeCheck,
  timeSyncCheck,
  voiceCheck,
} from '../doctor/system-checks.js';
import { fromDeviceCheck, type DoctorCheck, type DoctorReport } from '../doctor/types.js';
import type { EventBus } from '../../runtime/event-bus.js';
import type { KioskEvents } from '../../runtime/events.js';
import type { Logger } from '../../runtime/logger.js';
import type { PrintOutcome } from '../../domain/printing/print-service.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import type { ServiceStatus } from '../../runtime/service-manager.js';
import type { Navigator } from '../../ui-framebuffer/screen.js';
import { MaintenanceGate } from './maintenance-gate.js';
import { createMaintenancePinScreen } from '../../ui-framebuffer/screens/maintenance-pin.js';

/** What the maintenance screens use; built by MaintenanceService. */
export interface MaintenanceDeps {
  config: KioskConfig;
  gate: MaintenanceGate;
  log: Logger;
  clock: Clock;
  appVersion: string;
  runChecks(): Promise<DoctorReport>;
  print(job: Uint8Array): Promise<PrintOutcome>;
  widthDots: number;
  volume(): number;
  setVolume(volume: number): Promise<void>;
  restart(): void;
  /** Newest first, at most 10. */
  recentErrors(): readonly string[];
  addresses(): string[];
}

export interface MaintenanceParts {
  config: KioskConfig;
  bus: EventBus<KioskEvents>;
  clock: Clock;
  log: Logger;
  ui: Navigator;
  dataDir: string;
  appVersion: string;
  printer: Printer;
  print(job: Uint8Array, purpose: string): Promise<PrintOutcome>;
  audio: AudioOutput;
  serviceStatus(): ServiceStatus[];
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

/** Sequence of long presses that opens the PIN screen (harmless on every screen: they move focus). */
const SEQUENCE_WINDOW_MS = 5000;

/**
 * Opens the maintenance PIN screen when a technician scans the maintenance QR code
 * (maintenance.qrCode) or long-presses UP then DOWN within 5 s; keeps the last errors for the
 * screen, and runs the live self-checks (the running kiosk's own devices, not re-opened).
 */
export class MaintenanceService implements Service {
  readonly name = 'maintenance';
  readonly dependsOn = ['ui'];
  private offs: (() => void)[] = [];
  private upAt = -Infinity;
  private errors: string[] = [];
  private currentVolume: number;
  readonly gate: MaintenanceGate;
  readonly deps: MaintenanceDeps;

  constructor(private readonly parts: MaintenanceParts) {
    this.gate = new MaintenanceGate(parts.config.maintenance, parts.clock);
    this.currentVolume = parts.config.audio.volume;
    this.deps = {
      config: parts.config,
      gate: this.gate,
      log: parts.log,
      clock: parts.clock,
      appVersion: parts.appVersion,
      runChecks: () => runDoctor(this.liveChecks(), { deviceId: parts.config.device.id, timeoutMs: 6000 }),
      print: (job) => parts.print(job, 'service-report'),
      widthDots: parts.printer.widthDots,
      volume: () => this.currentVolume,
      setVolume: async (volume) => {
        this.currentVolume = Math.max(0, Math.min(100, volume));
        await parts.audio.setVolume(this.currentVolume);
      },
      restart: () => {
        parts.log.warn('restart requested from the maintenance screen');
        parts.restart();
      },
      recentErrors: () => this.errors,
      addresses: localAddresses,
    };
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.offs.length > 0 || !this.parts.config.maintenance.enabled) return;
    const { bus } = this.parts;
    this.offs = [
      bus.on(this.name, 'input.scan', (e) => {
        if (e.data.trim() === this.parts.config.maintenance.qrCode) this.open('qr');
      }),
      bus.on(this.name, 'input.button', (e) => {
        if (e.action !== 'long-press') return;
        if (e.id === 'up') this.upAt = e.at;
        else if (e.id === 'down' && e.at - this.upAt <= SEQUENCE_WINDOW_MS) {
          this.upAt = -Infinity;
          this.open('buttons');
        }
      }),
      bus.on(this.name, 'printer.failed', (e) =>
        this.remember(`printer: ${e.message}${e.hint ? ` — ${e.hint}` : ''}`),
      ),
      bus.on(this.name, 'service.state', (s) => {
        if (s.state === 'failed') this.remember(`${s.name}: ${s.lastError ?? 'failed'}`);
      }),
    ];
  }

  async stop(): Promise<void> {
    for (const off of this.offs) off();
    this.offs = [];
  }

  private remember(line: string): void {
    const at = new Date(this.parts.clock.now()).toISOString().slice(11, 19);
    this.errors = [`${at} ${line}`, ...this.errors].slice(0, 10);
  }

  private open(via: 'qr' | 'buttons'): void {
    const { ui, log } = this.parts;
    log.info({ via }, 'maintenance entry requested');
    ui.home();
    ui.go(createMaintenancePinScreen(ui, this.deps));
  }

  /** Checks against the running kiosk: system checks plus its open devices and service states. */
  private liveChecks(): DoctorCheck[] {
    const { config, dataDir, printer } = this.parts;
    const services: DoctorCheck = {
      id: 'services',
      title: 'Services',
      run: async () =>
        this.parts.serviceStatus().map((s) => ({
          id: `service.${s.name}`,
          title: `Service ${s.name}`,
          status: s.state === 'running' ? 'ok' : s.state === 'failed' ? 'fail' : 'warn',
          message: s.state === 'running' ? 'running' : `${s.state}${s.lastError ? `: ${s.lastError}` : ''}`,
          ...(s.state === 'running' ? {} : { hint: 'see journalctl -u smart-kiosk -n 100 for the cause' }),
        })),
    };
    const printerCheck: DoctorCheck = {
      id: 'printer',
      title: 'Printer',
      run: async () => {
        if (config.printer.driver === 'none')
          return { id: 'printer', title: 'Printer', status: 'skip', message: 'not fitted' };
        const result = await printerStatusResult(printer, config.printer.driver).catch((err: unknown) =>
          errorResult('printer', config.printer.driver, err),
        );
        return fromDeviceCheck(result, 'Printer');
      },
    };
    return [
      nodeCheck(),
      fontsCheck(),
      timeSyncCheck(hostProbe),
      cpuCheck(hostProbe),
      dataDirCheck(dataDir),
      databaseCheck(dataDir),
      voiceCheck(config.voice, hostProbe),
      printerCheck,
      services,
      brokerCheck(config),
    ];
  }
}
