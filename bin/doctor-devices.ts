import { deviceFactories } from '../app/hardware.js';
import { systemClock } from '../runtime/clock.js';
import type { KioskConfig } from '../runtime/config/schema.js';
import type { InteractiveDevices } from '../technician/doctor/interactive-checks.js';
import type { CheckReport } from '../runtime/check-result.js';
import { localAddresses } from '../technician/maintenance/maintenance-service.js';
import { serviceReportJob } from '../technician/maintenance/maintenance-report.js';
import { createTts } from '../voice/create-tts.js';
import { appVersion } from '../domain/fleet/app-version.js';

/** The configured devices for `kiosk doctor --interactive`; the test receipt is the doctor report. */
export function interactiveDevices(config: KioskConfig, report: CheckReport): InteractiveDevices {
  return {
    ...deviceFactories(config, systemClock),
    tts: createTts(config.voice),
    panel: config.input.panel,
    fitted: {
      display: true,
      buttons: true,
      touch: config.input.touch.driver !== 'none',
      printer: config.printer.driver !== 'none',
      scanner: config.scanner.driver !== 'none',
      audio: config.audio.driver !== 'none',
    },
    testReceipt: (widthDots) =>
      serviceReportJob(
        {
          deviceId: config.device.id,
          agency: config.device.agency,
          centre: config.device.centre,
          appVersion: appVersion(),
          nodeVersion: process.versions.node,
          addresses: localAddresses(),
          printedAt: `${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC`,
          report,
          errors: [],
        },
        widthDots,
      ),
    voice: { voice: config.voice.voice, rate: config.voice.rate },
    deviceId: config.device.id,
  };
}
