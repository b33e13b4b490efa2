import { execFileSync } from 'node:child_process';
import { constants, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../../drivers/printer/escpos-printer.js';
import { UsbLpTransport } from '../../../drivers/printer/usb-lp-transport.js';
import { DriverError } from '../../../runtime/errors.js';
import { tempDir } from '../../helpers/sim-process.js';

describe('Driver: USB printer that stops taking data', () => {
  it('fails the job with write-timeout instead of hanging (FIFO whose reader stalls)', async () => {
    const dir = tempDir('usb-stall-');
    const path = join(dir, 'lp0');
    execFileSync('mkfifo', [path]);
    // The "printer": holds the read end open but never reads, like a printer whose buffer is full.
    const reader = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const printer = new EscPosPrinter(new UsbLpTransport(path), {
      kind: 'usb',
      widthDots: 576,
      timeoutMs: 300,
    });
    const job = new Uint8Array(96 * 1024).fill(0x20); // more than the 64 KiB pipe buffer
    const err = await printer.print(job).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).kind).toBe('timeout');
    expect((err as DriverError).code).toBe('write-timeout');
    expect((err as DriverError).hint).toMatch(/power-cycle/);
    // Let the stuck write finish so no thread stays blocked, then clean up.
    const buf = Buffer.alloc(65536);
    let drained = 0;
    while (drained < job.length) {
      const { bytesRead } = await reader.read(buf, 0, buf.length, null).catch(() => ({ bytesRead: 0 }));
      drained += bytesRead;
      if (bytesRead === 0) await new Promise((r) => setTimeout(r, 10));
    }
    await printer.close();
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
