import {
  DEVICE_TITLES,
  failed,
  passed,
  type CheckResult,
  type DeviceKind,
} from '../../drivers/check-types.js';
import type { DeviceFactories } from '../../drivers/device-factories.js';
import { checkAudio } from '../../drivers/audio/check.js';
import { checkButtons } from '../../drivers/buttons/check.js';
import { checkDocumentPrinter } from '../../drivers/document-printer/check.js';
import { checkPrinter } from '../../drivers/printer/check.js';
import type { Printer } from '../../drivers/printer/types.js';
import { checkScanner } from '../../drivers/scanner/check.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import type { ServiceStatus } from '../../runtime/service-manager.js';
import { ConfigError, DriverError } from '../../runtime/errors.js';
import type { DoctorCheck } from './types.js';

interface Openable {
  open(): Promise<unknown>;
  close(): Promise<void>;
}

/** Reports a printer's status bits as a check result (shared by the CLI and the maintenance screen). */
export async function printerStatusResult(printer: Printer, driver: string): Promise<CheckResult> {
  const base = { id: 'printer', device: 'printer' as const, driver };
  const s = await printer.status();
  const detail = { paper: s.paper, coverOpen: s.coverOpen, online: s.online, widthDots: printer.widthDots };
  if (s.paper === 'out')
    return failed(
      base,
      'fail',
      'paper-out',
      'printer is out of paper',
      'load a new paper roll (thermal side facing the print head)',
      detail,
    );
  if (s.coverOpen)
    return failed(
      base,
      'fail',
      'cover-open',
      'printer cover is open',
      'close the printer cover until it clicks',
      detail,
    );
  if (s.fault)
    return failed(
      base,
      'fail',
      'fault',
      'printer reports a fault (cutter jam or overheating)',
      'open the cover, clear the cutter, let it cool, power-cycle the printer',
      detail,
    );
  if (s.paper === 'near-end')
    return failed(
      base,
      'warn',
      'paper-near-end',
      'paper roll is nearly finished',
      'put a spare roll next to the kiosk or replace it now',
      detail,
    );
  return passed(base, `ready, paper ok, ${printer.widthDots} dots wide`, detail);
}

/** Turns a thrown error into a check result that says what to do. */
export function errorResult(kind: DeviceKind, driver: string, err: unknown): CheckResult {
  const base = { id: kind, device: kind, driver };
  if (err instanceof DriverError) {
    const busy = err.kind === 'busy';
    return failed(
      base,
      busy ? 'warn' : 'fail',
      err.code,
      err.message,
      busy
        ? 'the running kiosk holds the device: check it from the maintenance screen, or stop the service first (sudo systemctl stop smart-kiosk)'
        : (err.hint ?? `check the ${kind} cable and power, then run kiosk doctor again`),
    );
  }
  if (err instanceof ConfigError)
    return failed(
      base,
      'fail',
      'config',
      err.problems.join('; '),
      `fix the ${kind} settings: sudo kiosk provision`,
    );
  const e = err as NodeJS.ErrnoException;
  const hint =
    e.code === 'ENOENT'
      ? `the device is not there: check the ${kind} cable; see ls -l /dev/kiosk-* and docs/technician.md (udev rules)`
      : e.code === 'EACCES'
        ? 'permission denied: the kiosk user must be in the device group (video, input, gpio, dialout, audio, lp); re-run deploy/install.sh and reboot'
        : `check the ${kind} cable and power, then run kiosk doctor again`;
  return failed(base, 'fail', e.code ?? 'error', e.message, hint);
}

/** Opens a device through its driver (as the kiosk would), probes it, and closes it again. */
async function openAndProbe<T extends Openable>(
  kind: DeviceKind,
  driver: string,
  make: () => T,
  probe: (device: T, opened: unknown) => Promise<CheckResult>,
): Promise<CheckResult> {
  if (driver === 'none') return passed({ id: kind, device: kind, driver }, 'not fitted (driver: none)');
  let device: T | undefined;
  try {
    device = make();
    const opened = await device.open();
    return await probe(device, opened);
  } catch (err) {
    return errorResult(kind, driver, err);
  } finally {
    await device?.close().catch(() => undefined);
  }
}

const opened = (kind: DeviceKind, driver: string, message: string): CheckResult =>
  passed({ id: kind, device: kind, driver }, driver === 'mock' ? `${message} (simulator mock)` : message);

/**
 * One doctor check per configured device kind: the drivers' own self-checks
 * (drivers/<kind>/check.ts) where they exist, else opening the device through its driver
 * (`devices` builds the drivers from config, as app/hardware.ts does for the kiosk).
 */
export function deviceChecks(config: KioskConfig, devices: DeviceFactories): DoctorCheck[] {
  const checks: Record<DeviceKind, () => Promise<CheckResult>> = {
    display: () =>
      openAndProbe('display', config.display.driver, devices.display, async (_d, info) => {
        const i = info as { width: number; height: number; format: string };
        return opened('display', config.display.driver, `${i.width}x${i.height} ${i.format}`);
      }),
    buttons: () => checkButtons(config.input.buttons),
    touch: () =>
      openAndProbe('touch', config.input.touch.driver, devices.touch, async () =>
        opened(
          'touch',
          config.input.touch.driver,
          config.input.touch.driver === 'evdev' ? `${config.input.touch.device} open` : 'ready',
        ),
      ),
    printer: () => checkPrinter(config.printer, devices.printer),
    'document-printer': () => checkDocumentPrinter(config.documentPrinter, devices.documentPrinter),
    scanner: () => checkScanner(config.scanner),
    audio: () => checkAudio(config.audio),
  };
  return (Object.keys(checks) as DeviceKind[]).map((kind) => ({
    id: kind,
    title: DEVICE_TITLES[kind],
    run: () => checks[kind](),
  }));
}

/** What the running kiosk's checks ask: its own open printer and its services' states. */
export interface RunningDevices {
  config: Pick<KioskConfig, 'printer'>;
  printer: Printer;
  serviceStatus(): ServiceStatus[];
}

/**
 * The devices part of the list in the running kiosk: the printer it holds (status, not
 * re-opened: the kiosk owns the port) and every service's state (the input, display and voice
 * services report a device that stopped working).
 */
export function runningDeviceChecks(k: RunningDevices): DoctorCheck[] {
  const driver = k.config.printer.driver;
  return [
    {
      id: 'printer',
      title: DEVICE_TITLES.printer,
      run: async () => {
        if (driver === 'none')
          return { id: 'printer', title: DEVICE_TITLES.printer, status: 'skip', message: 'not fitted' };
        return printerStatusResult(k.printer, driver).catch((err: unknown) =>
          errorResult('printer', driver, err),
        );
      },
    },
    {
      id: 'services',
      title: 'Services',
      run: async () =>
        k.serviceStatus().map((s): CheckResult => ({
          id: `service.${s.name}`,
          title: `Service ${s.name}`,
          status: s.state === 'running' ? 'ok' : s.state === 'failed' ? 'fail' : 'warn',
          message: s.state === 'running' ? 'running' : `${s.state}${s.lastError ? `: ${s.lastError}` : ''}`,
          ...(s.state === 'running' ? {} : { hint: 'see journalctl -u smart-kiosk -n 100 for the cause' }),
        })),
    },
  ];
}
