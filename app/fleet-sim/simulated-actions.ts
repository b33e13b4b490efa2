import { canvasLib } from '../../runtime/canvas.js';
import type { DeviceActions } from '../../domain/fleet/device-actions.js';
import { checkReport, type CheckReport } from '../../runtime/check-result.js';
import type { ServiceStatus } from '../../runtime/service-manager.js';

/** What a simulated kiosk's hardware is doing; the simulator sets faults on it. */
export interface SimulatedHardware {
  paper: 'ok' | 'near-end' | 'out';
  printerOnline: boolean;
  coverOpen: boolean;
  volume: number;
}

export interface SimulatedActionsDeps {
  deviceId: string;
  hardware: SimulatedHardware;
  counters: Record<string, number>;
  /** Stops this kiosk's fleet code and starts it again after `delayMs` (a systemd restart). */
  restart(delayMs: number): void;
}

/**
 * DeviceActions of a simulated kiosk: the same fleet commands answer as on a real kiosk, over
 * simulated hardware (no screen, no speaker). The screenshot is a small PNG naming the device.
 */
export function simulatedActions(d: SimulatedActionsDeps): DeviceActions {
  const hw = d.hardware;
  return {
    async peripherals() {
      return {
        printer: {
          driver: 'simulated',
          online: hw.printerOnline,
          paper: hw.paper,
          coverOpen: hw.coverOpen,
          fault: !hw.printerOnline,
        },
        scanner: { driver: 'simulated', service: 'running', lastScan: null },
        buttons: { driver: 'simulated', lastPress: null },
        audio: { driver: 'simulated', volume: hw.volume },
      };
    },
    counters: () => ({ ...d.counters }),
    services: (): ServiceStatus[] => [{ name: 'fleet', state: 'running', failures: 0 }],
    condition: () => ({ storage: { state: 'ok', degraded: false } }),
    async setVolume(volume) {
      hw.volume = volume;
    },
    async announce() {
      d.counters.announcements = (d.counters.announcements ?? 0) + 1;
    },
    async screenshot() {
      const canvas = canvasLib().createCanvas(320, 180);
      const g = canvas.getContext('2d');
      g.fillStyle = '#0b3d91';
      g.fillRect(0, 0, 320, 180);
      g.fillStyle = '#ffffff';
      g.font = '20px sans-serif';
      g.fillText('simulated kiosk', 16, 60);
      g.fillText(d.deviceId.slice(0, 26), 16, 100);
      return canvas.encode('png');
    },
    restart: (delayMs) => d.restart(delayMs),
    async reloadConfig() {
      return { file: null, applied: [], needsRestart: [] };
    },
    async selftest(): Promise<CheckReport> {
      const printerOk = hw.printerOnline && hw.paper !== 'out' && !hw.coverOpen;
      return checkReport(
        [
          {
            id: 'printer',
            title: 'Printer',
            status: printerOk ? 'ok' : 'fail',
            message: hw.printerOnline ? `paper ${hw.paper}` : 'offline',
          },
          { id: 'service.fleet', title: 'Service fleet', status: 'ok', message: 'running' },
        ],
        { deviceId: d.deviceId, startedAt: new Date(), durationMs: 0 },
      );
    },
  };
}
