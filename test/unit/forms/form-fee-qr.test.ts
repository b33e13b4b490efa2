import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import { sampleValues } from '../../../domain/forms/form-validation.js';
import { currentFilling } from '../../../flows/form-flow.js';
import type { MockButtons } from '../../../hardware-mocks/buttons.js';
import type { MockPrinter } from '../../../hardware-mocks/printer.js';
import { readVietQr } from '../../helpers/emv-qr.js';
import { qrCodes, qrCodesIn } from '../../helpers/qr-codes.js';

/**
 * #15 audit: the fee's VietQR on the done screen and on the counter slip, read back from the
 * pixels (the frame, the printed slip) with jsQR and decoded by a reader written apart from the
 * encoder: CRC, NAPAS GUID, the centre's bank and account, the amount in đồng the catalog gives
 * for the procedure, and content = procedure code + ticket number. Until now only `kiosk fee qr`'s
 * string was checked this way; the flow test looked at the screen's payload only when a fee was
 * there (its form has none in the simulator's config).
 */
describe('Form handed in: the fee VietQR on screen and slip (#15)', () => {
  let headless: HeadlessKiosk;
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-form-fee-'));
  beforeAll(async () => {
    const configFile = join(dir, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        payment: { bankBin: '970436', accountNumber: '0123456789', accountName: 'UBND XA HAI HAU' },
      }),
    );
    headless = await HeadlessKiosk.open({ width: 800, height: 480, rotation: 0, configFile });
  });
  afterAll(async () => {
    await headless?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hộ kinh doanh (50.000 đồng): the same payload on screen and slip, CRC, account, amount and content', async () => {
    const ui = headless.kiosk.ui;
    ui.open('form', { form: 'ho-kinh-doanh' });
    await ui.settle();
    const filling = currentFilling(headless.kiosk.deps as Parameters<typeof currentFilling>[0]);
    if (!filling) throw new Error('hộ kinh doanh did not open');
    filling.load(sampleValues(filling.template));
    ui.open('form-review');
    await ui.settle();
    const printer = headless.kiosk.drivers.printer as unknown as MockPrinter;
    const before = printer.receipts.length;
    (headless.kiosk.drivers.buttons as unknown as MockButtons).press('2');
    for (let i = 0; i < 200 && ui.current?.name !== 'form-done'; i++)
      await new Promise((r) => setTimeout(r, 25));
    await ui.settle();
    expect(ui.current?.name).toBe('form-done');
    const done = ui.current?.describe?.() as { ticket: string; fee: { qr: string | null } | null };
    expect(done.ticket).toMatch(/^[A-Z]-\d{3}$/);
    const payload = done.fee?.qr ?? '';
    // On screen: the code drawn is the payload.
    const frame = ui.logicalFrame();
    if (!frame) throw new Error('no frame');
    expect(qrCodesIn(frame)).toEqual([payload]);
    // On the slip (the ticket, then the slip): beside the handoff QR.
    for (let i = 0; i < 200 && printer.receipts.length < before + 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    const slip = printer.receipts.at(-1);
    if (!slip) throw new Error('no slip');
    const codes = await qrCodes(slip.png);
    expect(codes).toContain(payload);
    expect(codes.some((c) => c.startsWith('KF1.'))).toBe(true);
    // Read apart from the encoder.
    expect(readVietQr(payload)).toEqual({
      amount: '50000',
      bin: '970436',
      account: '0123456789',
      content: `1.001612 ${done.ticket}`,
      currency: '704',
      guid: 'A000000727',
    });
    // A digit changed in the amount fails the CRC.
    expect(() => readVietQr(payload.replace('540550000', '540560000'))).toThrow(/bad CRC/);
  });
});
