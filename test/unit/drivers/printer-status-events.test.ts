import { describe, expect, it } from 'vitest';
import type { PrinterStatus } from '../../../drivers/printer/types.js';
import { MockPrinter } from '../../../hardware-mocks/printer.js';
import { ManualClock } from '../../../runtime/clock.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { createLogger } from '../../../runtime/logger.js';
import { PrintService } from '../../../domain/printing/print-service.js';

describe('Printer status reaches the bus when it changes', () => {
  it('emits printer.status once per change, polled around each job', async () => {
    const printer = new MockPrinter(576, new ManualClock());
    const bus = new EventBus<KioskEvents>(createLogger('test'));
    const seen: PrinterStatus[] = [];
    bus.on('test', 'printer.status', (s) => seen.push(s));
    const service = new PrintService(printer, bus, createLogger('printer'));
    await service.start({ signal: new AbortController().signal, fail: () => undefined });
    const job = new Uint8Array([0x1b, 0x40, 0x1d, 0x56, 66, 0]);
    expect(await service.print(job, 'test')).toEqual({ ok: true });
    expect(await service.print(job, 'test')).toEqual({ ok: true });
    printer.nearEnd = true;
    await service.print(job, 'test');
    printer.paperOut = true;
    expect(await service.print(job, 'test')).toMatchObject({ ok: false, code: 'paper-out' });
    expect(seen.map((s) => s.paper)).toEqual(['ok', 'near-end', 'out']);
    await service.stop();
    printer.paperOut = false;
    await printer.status();
    expect(seen).toHaveLength(3);
  });
});
