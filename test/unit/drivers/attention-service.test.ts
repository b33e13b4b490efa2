import { describe, expect, it } from 'vitest';
import { PanelAttentionService } from '../../../technician/attention-service.js';
import { MockButtons } from '../../../hardware-mocks/buttons.js';
import { ManualClock } from '../../../runtime/clock.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { createLogger } from '../../../runtime/logger.js';

describe('Panel attention (LEDs blink when a technician is needed)', () => {
  it('blinks on paper out or a failed service and stops when all is well', async () => {
    const buttons = new MockButtons(new ManualClock());
    const bus = new EventBus<KioskEvents>(createLogger('test'));
    const service = new PanelAttentionService(buttons, bus, createLogger('attention'));
    await service.start({ signal: new AbortController().signal, fail: () => undefined });
    const ok = { online: true, paper: 'ok', coverOpen: false, fault: false } as const;
    bus.emit('printer.status', { ...ok, paper: 'near-end' });
    expect(buttons.attention).toBe(false);
    bus.emit('printer.status', { ...ok, online: false, paper: 'out' });
    expect(buttons.attention).toBe(true);
    bus.emit('service.state', { name: 'voice', state: 'failed', failures: 1 });
    bus.emit('printer.status', ok);
    expect(buttons.attention).toBe(true);
    expect(service.reasons).toEqual(['service:voice']);
    bus.emit('service.state', { name: 'voice', state: 'running', failures: 1 });
    expect(buttons.attention).toBe(false);
    bus.emit('printer.status', { ...ok, coverOpen: true, online: false });
    await service.stop();
    expect(buttons.attention).toBe(false);
  });
});
