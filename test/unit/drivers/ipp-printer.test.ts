import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocumentPrinter } from '../../../drivers/document-printer/check.js';
import {
  decodeResponse,
  encodeRequest,
  IPP_OPERATION,
  IppDecodeError,
  responseValue,
  VALUE,
} from '../../../drivers/document-printer/ipp-codec.js';
import { IppPrinter } from '../../../drivers/document-printer/ipp-printer.js';
import { DriverError } from '../../../runtime/errors.js';
import { startIppPrinter, type TestIppPrinter } from '../../helpers/ipp-printer.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function ippAnswer(status: number, requestId = 1): Buffer {
  // A response is framed like a request; the status code sits where the operation does.
  return encodeRequest({ operation: status, requestId, attributes: [] });
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function failure(p: Promise<unknown>): Promise<DriverError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DriverError)) throw new Error(`expected a DriverError, got ${String(err)}`);
  return err;
}

describe('Driver: IPP codec', () => {
  it('encodes a Print-Job the way RFC 8010 frames it and decodes it back', () => {
    const msg = encodeRequest({
      operation: IPP_OPERATION.printJob,
      requestId: 7,
      attributes: [{ tag: VALUE.name, name: 'job-name', value: 'Tờ khai' }],
      data: PDF,
    });
    expect([...msg.subarray(0, 8)]).toEqual([2, 0, 0, 2, 0, 0, 0, 7]);
    const decoded = decodeResponse(msg);
    expect(decoded.requestId).toBe(7);
    expect(responseValue(decoded, 'attributes-charset')).toBe('utf-8');
    expect(responseValue(decoded, 'job-name')).toBe('Tờ khai');
    expect(msg.subarray(msg.length - PDF.length).equals(PDF)).toBe(true);
  });

  it('every truncation and random garbage is an IppDecodeError, never another exception', () => {
    const msg = encodeRequest({
      operation: 0,
      requestId: 1,
      attributes: [{ tag: VALUE.integer, name: 'job-id', value: 5 }],
    });
    for (let n = 0; n < msg.length; n++)
      expect(() => decodeResponse(msg.subarray(0, n))).toThrow(IppDecodeError);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeResponse(Buffer.from(bytes));
        } catch (err) {
          if (!(err instanceof IppDecodeError)) throw err;
        }
      }),
    );
  });
});

describe('Driver: IPP printer failures', () => {
  const servers: { close(): void }[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it('a printer answering garbage, HTML or an HTTP error: device-fault with the cause', async () => {
    const http = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/html') {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html>router login</html>');
        } else if (req.url === '/500') res.writeHead(500).end();
        else res.writeHead(200, { 'content-type': 'application/ipp' }).end(Buffer.from('garbage!'));
      });
    });
    servers.push(http);
    const port = await listen(http);
    const at = (path: string) => new IppPrinter(`ipp://127.0.0.1:${port}${path}`, { timeoutMs: 3000 });
    expect((await failure(at('/ipp/print').print(PDF, { name: 'x' }))).code).toBe('garbage');
    const html = await failure(at('/html').print(PDF, { name: 'x' }));
    expect(html.message).toMatch(/answered "text\/html", not application\/ipp/);
    expect((await failure(at('/500').status())).code).toBe('http-500');
  });

  it('refusals are named: busy (try again) apart from not accepting jobs, anything else device-fault', async () => {
    let status = 0x0507;
    let http503 = false;
    const http = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () =>
        http503
          ? res.writeHead(503, 'Service Unavailable').end()
          : res.writeHead(200, { 'content-type': 'application/ipp' }).end(ippAnswer(status)),
      );
    });
    servers.push(http);
    const p = new IppPrinter(`ipp://127.0.0.1:${await listen(http)}/ipp/print`, { timeoutMs: 3000 });
    const busy = await failure(p.print(PDF, { name: 'x' }));
    expect([busy.kind, busy.code]).toEqual(['busy', 'busy']);
    expect(busy.message).toMatch(/server-error-busy/);
    for (const temporary of [0x0502, 0x0505]) {
      status = temporary;
      expect((await failure(p.print(PDF, { name: 'x' }))).code).toBe('busy');
    }
    http503 = true;
    const unavailable = await failure(p.print(PDF, { name: 'x' }));
    expect([unavailable.code, unavailable.message]).toEqual(['busy', expect.stringMatching(/HTTP 503/)]);
    http503 = false;
    status = 0x0506;
    const paused = await failure(p.print(PDF, { name: 'x' }));
    expect([paused.kind, paused.code]).toEqual(['busy', 'not-accepting']);
    expect(paused.message).toMatch(/server-error-not-accepting-jobs/);
    status = 0x040a;
    expect((await failure(p.print(PDF, { name: 'x' }))).code).toBe('format');
    status = 0x0000;
    expect((await failure(p.print(PDF, { name: 'x' }))).message).toMatch(/gave no job-id/);
  });

  it('a printer that disappears mid-job, or never answers', async () => {
    const dropper = createTcpServer((socket) => {
      socket.once('data', () => socket.destroy());
    });
    servers.push(dropper);
    const dropPort = await listen(dropper);
    const big = Buffer.concat([PDF, Buffer.alloc(4 << 20, 32)]);
    const lost = await failure(
      new IppPrinter(`ipp://127.0.0.1:${dropPort}/ipp/print`, { timeoutMs: 5000 }).print(big, { name: 'x' }),
    );
    expect(lost.kind).toBe('disconnected');
    expect(lost.message).toMatch(/connection to .* broke/);
    const silent = createTcpServer((socket) => socket.resume());
    servers.push(silent);
    const silentPort = await listen(silent);
    const timeout = await failure(
      new IppPrinter(`ipp://127.0.0.1:${silentPort}/ipp/print`, { timeoutMs: 600 }).status(),
    );
    expect([timeout.kind, timeout.message]).toEqual([
      'timeout',
      `ipp://127.0.0.1:${silentPort}/ipp/print did not answer within 600 ms`,
    ]);
  });
});

describe('Driver: IPP printer against ippeveprinter', { timeout: 60_000 }, () => {
  let printer: TestIppPrinter;
  beforeAll(async () => {
    printer = await startIppPrinter('DoctorA4');
  });
  afterAll(async () => {
    await printer?.stop();
  });

  it('the doctor check reads the printer attributes', async () => {
    const config = { driver: 'ipp' as const, uri: printer.uri, timeoutMs: 3000, busyRetrySeconds: 20 };
    const result = await checkDocumentPrinter(config, () => new IppPrinter(printer.uri, { timeoutMs: 3000 }));
    expect(result.status, result.message).toBe('ok');
    expect(result.message).toMatch(/is idle and takes PDF/);
    expect(result.detail?.pdf).toBe(true);
    const gone = await checkDocumentPrinter(
      { ...config, uri: 'ipp://127.0.0.1:1/ipp/print' },
      () => new IppPrinter('ipp://127.0.0.1:1/ipp/print', { timeoutMs: 1000 }),
    );
    expect([gone.status, gone.code]).toEqual(['fail', 'unreachable']);
    expect(gone.hint).toMatch(/documentPrinter\.uri/);
  });

  it('prints a job that lands in the spool', async () => {
    const p = new IppPrinter(printer.uri, { timeoutMs: 5000 });
    const { jobId } = await p.print(PDF, { name: 'kiểm tra' });
    expect(jobId).toBeGreaterThan(0);
    const jobs = await printer.waitForJobs(1);
    expect(jobs[0]?.bytes.equals(PDF)).toBe(true);
  });
});
