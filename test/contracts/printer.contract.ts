import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPos } from '../../drivers/printer/escpos.js';
import type { Printer } from '../../drivers/printer/types.js';
import { DriverError } from '../../runtime/errors.js';

/** What a contract run needs from one implementation (mock or real). */
export interface PrinterHarness {
  printer: Printer;
  /** Decoded text of what the device printed last (undefined if it cannot be observed). */
  lastPrinted?: () => Promise<{ cut: boolean; count: number } | undefined>;
  /** Puts the device out of paper, when the harness can (mocks). */
  setPaperOut?: (out: boolean) => void;
  cleanup: () => Promise<void>;
}

function job(): Uint8Array {
  return new EscPos()
    .init()
    .raster({ width: 64, height: 8, dots: new Uint8Array(64 * 8).fill(1) })
    .feed(1)
    .cut()
    .bytes();
}

/**
 * The behaviour every Printer must have. Runs against each mock and transport; real hardware
 * joins when KIOSK_TEST_PRINTER is set (see test/unit/drivers/printer-contract.test.ts).
 */
export function describePrinterContract(name: string, create: () => Promise<PrinterHarness>): void {
  describe(`Printer contract: ${name}`, () => {
    let h: PrinterHarness;
    beforeEach(async () => {
      h = await create();
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('reports a paper width of 384 or 576 dots', () => {
      expect([384, 576]).toContain(h.printer.widthDots);
    });

    it('opens (twice is fine) and reports an online status with paper', async () => {
      await h.printer.open();
      await h.printer.open();
      const status = await h.printer.status();
      expect(status).toMatchObject({ online: true, coverOpen: false, fault: false });
      expect(['ok', 'near-end']).toContain(status.paper);
    });

    it('prints a job that reaches the device whole', async () => {
      await h.printer.open();
      const before = (await h.lastPrinted?.())?.count ?? 0;
      await h.printer.print(job());
      if (h.lastPrinted) {
        const after = await h.lastPrinted();
        expect(after?.count).toBe(before + 1);
        expect(after?.cut).toBe(true);
      }
    });

    it('rejects a job with DriverError paper-out when there is no paper, printing nothing', async () => {
      if (!h.setPaperOut) return; // real hardware: cannot take the paper out from a test
      await h.printer.open();
      const before = (await h.lastPrinted?.())?.count ?? 0;
      h.setPaperOut(true);
      const err = await h.printer.print(job()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DriverError);
      expect((err as DriverError).kind).toBe('device-fault');
      expect((err as DriverError).code).toBe('paper-out');
      expect((err as DriverError).hint).toBeTruthy();
      expect((await h.lastPrinted?.())?.count ?? 0).toBe(before);
      h.setPaperOut(false);
      await h.printer.print(job());
    });

    it('can be closed and reopened', async () => {
      await h.printer.open();
      await h.printer.close();
      await h.printer.open();
      expect((await h.printer.status()).online).toBe(true);
    });
  });
}
