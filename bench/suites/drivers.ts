import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EscPos, toMonoImage } from '../../drivers/printer/escpos.js';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.js';
import { SerialTransport } from '../../drivers/printer/serial-transport.js';
import { encodeText } from '../../drivers/printer/text-encoding.js';
import { LineFramer } from '../../drivers/scanner/line-framer.js';
import { SerialScanner } from '../../drivers/scanner/serial-scanner.js';
import { decodeEscPos } from '../../hardware-mocks/escpos-decoder.js';
import { PtyPrinter } from '../../hardware-mocks/pty-printer.js';
import { PtyScanner } from '../../hardware-mocks/pty-scanner.js';
import { systemClock } from '../../runtime/clock.js';
import type { Ticket } from '../../domain/queue/ticket.js';
import { renderTicketImage } from '../../ui-framebuffer/receipts/ticket-receipt.js';
import { percentile, timeIt, type BenchResult, type BenchSuite } from '../bench-types.js';

const ticket: Ticket = {
  id: 1,
  number: 'A-012',
  groupId: 'a',
  groupName: 'Chứng thực, hộ tịch',
  seq: 12,
  serviceDay: '2026-01-05',
  issuedAt: Date.UTC(2026, 0, 5, 2, 30),
  peopleAhead: 4,
  counters: [1, 2],
  status: 'waiting',
};
const receiptOptions = {
  agency: 'Ủy ban nhân dân xã Đông Hòa',
  centre: 'Trung tâm Phục vụ hành chính công',
  timeZone: 'Asia/Ho_Chi_Minh',
  widthDots: 576,
  qrText: 'https://dichvucong.gov.vn/tra-cuu?so=A-012',
};

/** The same ticket in printer text mode (WPC1258 + native QR), for the raster vs text comparison. */
function textTicket(): Uint8Array {
  const t = (s: string): Uint8Array => encodeText(s, 'wpc1258');
  return new EscPos()
    .init()
    .codePage(52)
    .align('center')
    .bold(true)
    .text(t('ỦY BAN NHÂN DÂN XÃ ĐÔNG HÒA'))
    .newline()
    .bold(false)
    .text(t('Trung tâm Phục vụ hành chính công'))
    .newline()
    .text(t('PHIẾU SỐ THỨ TỰ'))
    .newline()
    .size(4, 4)
    .text(t('A-012'))
    .newline()
    .size(1, 1)
    .text(t('Chứng thực, hộ tịch'))
    .newline()
    .text(t('Quầy số: 1, 2 · Số người chờ trước: 4'))
    .newline()
    .qr('https://dichvucong.gov.vn/tra-cuu?so=A-012')
    .text(t('Vui lòng giữ phiếu và chờ gọi số. Xin cảm ơn!'))
    .newline()
    .feed(3)
    .cut()
    .bytes();
}

const CCCD = '001099012345|012345678|Nguyễn Văn An|01011990|Nam|Thôn Đông, Xã Hòa Bình, Hà Nội|15062021\r\n';

/** ESC/POS encode/decode, a ticket over a real pty printer, scanner framing and pty scan latency. */
const suite: BenchSuite = {
  name: 'drivers',
  async run(): Promise<BenchResult[]> {
    const out: BenchResult[] = [];
    const r = (name: string, value: number, unit: string, better: 'lower' | 'higher', note?: string) =>
      out.push({
        suite: 'drivers',
        name,
        value: Math.round(value * 1000) / 1000,
        unit,
        better,
        ...(note ? { note } : {}),
      });

    // Printer: render + encode a ticket as raster, vs text mode.
    let rasterJob: Uint8Array = new Uint8Array();
    const renderTimes = await timeIt(() => {
      const img = renderTicketImage(ticket, receiptOptions);
      rasterJob = new EscPos()
        .init()
        .raster(toMonoImage(img.rgba, img.width, img.height))
        .feed(3)
        .cut()
        .bytes();
    }, 20);
    const img = renderTicketImage(ticket, receiptOptions);
    const mono = toMonoImage(img.rgba, img.width, img.height);
    const encodeTimes = await timeIt(() => new EscPos().init().raster(mono).cut().bytes(), 50);
    const textJob = textTicket();
    r(
      'ticket render+encode (raster) p50',
      percentile(renderTimes, 50),
      'ms',
      'lower',
      '80 mm, canvas → GS v 0',
    );
    r(
      'ticket raster encode only p50',
      percentile(encodeTimes, 50),
      'ms',
      'lower',
      `${mono.width}x${mono.height} dots`,
    );
    r('ticket job bytes (raster)', rasterJob.length, 'bytes', 'lower');
    r('ticket job bytes (text WPC1258 + QR)', textJob.length, 'bytes', 'lower');

    // Decoder (mock printer) throughput.
    const decodeTimes = await timeIt(() => decodeEscPos(rasterJob, 576), 10);
    const p50 = percentile(decodeTimes, 50);
    r('decode raster ticket p50', p50, 'ms', 'lower', 'ESC/POS → PNG');
    r('decode throughput (raster)', rasterJob.length / 1024 / (p50 / 1000), 'KiB/s', 'higher');
    r(
      'decode text ticket p50',
      percentile(await timeIt(() => decodeEscPos(textJob, 576), 10), 50),
      'ms',
      'lower',
    );

    // A ticket through the real driver over a socat pty (status polls + write + mock decode).
    const dir = mkdtempSync(join(tmpdir(), 'bench-drivers-'));
    try {
      const mock = new PtyPrinter({ dir });
      await mock.start();
      const printer = new EscPosPrinter(new SerialTransport(mock.path, 115_200), {
        kind: 'serial',
        widthDots: 576,
      });
      const jobTimes = await timeIt(
        async () => {
          const next = mock.nextReceipt(20_000);
          await printer.print(rasterJob);
          await next;
        },
        5,
        1,
      );
      const statusTimes = await timeIt(() => printer.status(), 20);
      r(
        'ticket over pty printer p50',
        percentile(jobTimes, 50),
        'ms',
        'lower',
        'status DLE EOT 1-4 before/after + raster job; a pty does not pace at the baud rate',
      );
      r('status query (DLE EOT 1-4) p50', percentile(statusTimes, 50), 'ms', 'lower');
      await printer.close();
      await mock.stop();

      // Scanner: pure framing, then line → event latency over a real pty.
      const stream = Buffer.from(CCCD.repeat(2000), 'utf8');
      const frameTimes = await timeIt(() => new LineFramer().push(stream), 10);
      const per = percentile(frameTimes, 50);
      r(
        'scanner framing (CCCD lines)',
        2000 / (per / 1000),
        'lines/s',
        'higher',
        `${(per * 1000) / 2000} µs/line`,
      );
      const scanMock = new PtyScanner(dir);
      await scanMock.start();
      const scanner = new SerialScanner({ path: scanMock.path, baudRate: 9600 }, systemClock);
      await scanner.open();
      const latencies: number[] = [];
      for (let i = 0; i < 40; i++) {
        const got = new Promise<number>((resolve) => {
          const off = scanner.onScan(() => {
            off();
            resolve(performance.now());
          });
        });
        const t0 = performance.now();
        await scanMock.scan(`HS-2026-${String(i).padStart(6, '0')}`);
        latencies.push((await got) - t0);
      }
      r('scan line → event over pty p50', percentile(latencies, 50), 'ms', 'lower', '40 reads');
      r('scan line → event over pty p95', percentile(latencies, 95), 'ms', 'lower');
      await scanner.close();
      await scanMock.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};

export default suite;
