import { describe, expect, it } from 'vitest';
import type { KioskEvents } from '../../../domain/events.js';
import { configSchema } from '../../../runtime/config/schema.js';
import { EventBus } from '../../../runtime/event-bus.js';
import { createLogger } from '../../../runtime/logger.js';
import { MaintenanceService } from '../../../technician/maintenance/maintenance-service.js';
import { hashPin } from '../../../technician/provision/pin.js';

const ctx = { signal: new AbortController().signal } as never;

async function entry(pinHash?: string) {
  const config = configSchema.parse({ maintenance: pinHash ? { pinHash } : {} }).maintenance;
  const bus = new EventBus<KioskEvents>(createLogger('test'));
  const opened: string[] = [];
  const service = new MaintenanceService(
    config,
    bus,
    { home: () => opened.push('home'), open: (route: string) => void opened.push(route) } as never,
    { remember: () => undefined },
    createLogger('maintenance'),
  );
  await service.start(ctx);
  bus.emit('input.scan', { data: 'KIOSK-MAINTENANCE', at: 0 });
  bus.emit('input.button', { id: 'up', action: 'long-press', at: 1000 });
  bus.emit('input.button', { id: 'down', action: 'long-press', at: 2000 });
  await service.stop();
  return opened;
}

describe('Maintenance entry', () => {
  it('without a provisioned PIN, the QR code and UP+DOWN leave the citizen’s screen alone (docs)', async () => {
    expect(await entry()).toEqual([]);
  });

  it('with a PIN, both open the PIN screen', async () => {
    expect(await entry(hashPin('2468'))).toEqual(['home', 'maintenance-pin', 'home', 'maintenance-pin']);
  });
});
