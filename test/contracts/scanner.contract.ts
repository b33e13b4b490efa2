import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanEvent, ScanRejected, Scanner } from '../../drivers/scanner/types.js';

export interface ScannerHarness {
  scanner: Scanner;
  /** Makes the device produce one read of `text` (ASCII-safe for keyboard wedges). */
  scan: (text: string) => Promise<void>;
  /** Makes the device produce a garbage read, when it can. */
  garbage?: () => Promise<void>;
  cleanup: () => Promise<void>;
}

/** Waits until `predicate` holds, polling; fails with `what` after timeoutMs. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Behaviour every Scanner must have; run against mocks and each real driver over a pty/FIFO. */
export function describeScannerContract(name: string, create: () => Promise<ScannerHarness>): void {
  describe(`Scanner contract: ${name}`, () => {
    let h: ScannerHarness;
    let scans: ScanEvent[];
    let rejects: ScanRejected[];
    beforeEach(async () => {
      h = await create();
      scans = [];
      rejects = [];
      await h.scanner.open();
      h.scanner.onScan((e) => scans.push(e));
      h.scanner.onReject?.((e) => rejects.push(e));
    });
    afterEach(async () => {
      await h.scanner.close();
      await h.cleanup();
    });

    it('delivers each read once, in order, without its terminator', async () => {
      await h.scan('001099012345|Nguyen Van A');
      await h.scan('HS-2026-000123');
      await until(() => scans.length === 2, 'two scans');
      expect(scans.map((s) => s.data)).toEqual(['001099012345|Nguyen Van A', 'HS-2026-000123']);
      expect(typeof scans[0]?.at).toBe('number');
    });

    it('stops calling a listener once it unsubscribes', async () => {
      const mine: string[] = [];
      const off = h.scanner.onScan((e) => mine.push(e.data));
      await h.scan('A1');
      await until(() => scans.length === 1, 'first scan');
      off();
      await h.scan('B2');
      await until(() => scans.length === 2, 'second scan');
      expect(mine).toEqual(['A1']);
    });

    it('rejects garbage without delivering it and keeps working', async () => {
      if (!h.garbage) return;
      await h.garbage();
      await h.scan('OK-1');
      await until(() => scans.length === 1, 'scan after garbage');
      expect(scans.map((s) => s.data)).toEqual(['OK-1']);
      if (h.scanner.onReject) expect(rejects.length).toBeGreaterThan(0);
    });

    it('opening twice is harmless', async () => {
      await h.scanner.open();
      await h.scan('X9');
      await until(() => scans.length === 1, 'scan');
      expect(scans).toHaveLength(1);
    });
  });
}
