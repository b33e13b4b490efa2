import { describe, expect, it } from 'vitest';
import { EscPos } from '../../../drivers/printer/escpos.js';
import { encodeStatus, parseStatus, statusProblem } from '../../../drivers/printer/escpos-status.js';
import { decodeText, encodeText, toCp1258Form } from '../../../drivers/printer/text-encoding.js';
import { decodeEscPos } from '../../../hardware-mocks/escpos-decoder.js';
import { PrinterFirmware } from '../../../hardware-mocks/printer-firmware.js';
import { DriverError } from '../../../runtime/errors.js';

describe('ESC/POS encoder', () => {
  it('encodes Vietnamese as WPC1258 base letters plus combining tone marks, round-trip NFC', () => {
    const text = 'Ủy ban nhân dân xã Đông Hòa – Phiếu hẹn trả kết quả';
    expect(toCp1258Form('ế')).toBe('ê\u0301');
    const bytes = encodeText(text, 'wpc1258');
    expect(decodeText(bytes, 'wpc1258')).toBe(text);
    expect(Array.from(encodeText('ệ', 'wpc1258'))).toEqual([0xea, 0xf2]);
  });

  it('replaces control characters in text so they cannot act as commands', () => {
    expect(Array.from(encodeText('a\x1b@b', 'pc437'))).toEqual([0x61, 0x20, 0x40, 0x62]);
  });

  it('builds GS ( k QR commands with a correct store length', () => {
    const bytes = new EscPos().qr('ABC', { moduleSize: 4, ecc: 'Q' }).bytes();
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex).toContain('1d286b0400314132' + '00');
    expect(hex).toContain('1d286b030031430' + '4');
    expect(hex).toContain('1d286b0300314532');
    expect(hex).toContain('1d286b0600315030414243');
    expect(hex.endsWith('1d286b0300315130')).toBe(true);
  });

  it('validates barcode data and names the field', () => {
    expect(() => new EscPos().barcode('12345', { system: 'EAN13' })).toThrow(TypeError);
    expect(() => new EscPos().barcode('Hà Nội')).toThrow(/CODE128/);
    expect(() => new EscPos().density(9)).toThrow(/density/);
    const ean = decodeEscPos(new EscPos().barcode('893504950001', { system: 'EAN13' }).bytes(), 576);
    expect(ean.ops).toContainEqual({ kind: 'barcode', system: 'EAN13', data: '893504950001', valid: true });
  });

  it('decodes raster, text and cut without unknown commands', () => {
    const image = { width: 16, height: 2, dots: new Uint8Array(32).fill(1) };
    const job = new EscPos()
      .init()
      .codePage(52)
      .raster(image)
      .text(encodeText('Xin chào', 'wpc1258'))
      .newline()
      .cut(3)
      .bytes();
    const r = decodeEscPos(job, 384);
    expect(r.unknown).toEqual([]);
    expect(r.text).toEqual(['Xin chào']);
    expect(r.ops[0]).toEqual({ kind: 'raster', width: 16, rows: 2 });
    expect(r.cut).toBe(true);
  });
});

describe('ESC/POS status', () => {
  it('round-trips every printer state through DLE EOT bytes', () => {
    for (const paper of ['ok', 'near-end', 'out'] as const) {
      for (const coverOpen of [false, true]) {
        const s = parseStatus(encodeStatus({ offline: false, coverOpen, paper, cutterError: false }));
        expect(s.paper).toBe(paper);
        expect(s.coverOpen).toBe(coverOpen);
        expect(s.online).toBe(paper !== 'out' && !coverOpen);
      }
    }
    expect(
      parseStatus(encodeStatus({ offline: false, coverOpen: false, paper: 'ok', cutterError: true })).fault,
    ).toBe(true);
  });

  it('rejects noise as bad-status with a hint', () => {
    expect(() => parseStatus({ printer: 0xff, offline: 0x12, error: 0x12, paper: 0x12 })).toThrow(
      DriverError,
    );
  });

  it('maps status to the error a job fails with', () => {
    const out = statusProblem({ online: false, paper: 'out', coverOpen: false, fault: false });
    expect(out?.code).toBe('paper-out');
    expect(out?.hint).toBeTruthy();
    expect(
      statusProblem({ online: true, paper: 'near-end', coverOpen: false, fault: false }),
    ).toBeUndefined();
  });
});

describe('Mock printer firmware', () => {
  it('answers status and decodes the same receipt whatever way the stream is split', () => {
    const job = new EscPos().init().statusRequest(4).qr('Q-1').barcode('B1').statusRequest(1).cut().bytes();
    for (let split = 0; split <= job.length; split++) {
      const fw = new PrinterFirmware(576);
      const replies: number[] = [];
      fw.receive(job.subarray(0, split), (b) => replies.push(...b));
      fw.receive(job.subarray(split), (b) => replies.push(...b));
      expect(replies).toEqual([0x12, 0x12]);
      expect(fw.receipts).toHaveLength(1);
      expect(fw.receipts[0]?.ops.map((o) => o.kind)).toEqual(['qr', 'barcode', 'cut']);
    }
  });
});
