import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeResponse,
  encodeRequest,
  IPP_OPERATION,
  VALUE,
} from '../../drivers/document-printer/ipp-codec.js';

/** What the busy printer saw: each Print-Job's document bytes and the answer it gave. */
export interface BusyIppPrinter {
  uri: string;
  /** Print-Job requests in order: the PDF sent and whether it was taken. */
  readonly jobs: { pdf: Buffer; accepted: boolean }[];
  /** Answers busy to the next `n` Print-Jobs (HTTP 503 instead of IPP server-error-busy when `http`). */
  busyFor(n: number, http?: boolean): void;
  /**
   * The next Print-Job fails: `refuse` answers server-error-not-accepting-jobs, `vanish` cuts the
   * connection while the job is still coming in (a printer switched off mid-job), `garbage`
   * answers 200 with a web page instead of IPP.
   */
  failNext(how: 'refuse' | 'vanish' | 'garbage'): void;
  stop(): Promise<void>;
}

/**
 * A small IPP printer over real HTTP: decodes each request with the kiosk's RFC 8010 codec and
 * answers Print-Job with server-error-busy ("Currently printing another job.", as ippeveprinter
 * words it) while told to be busy, then with successful-ok and a job-id; Get-Printer-Attributes
 * says idle. ippeveprinter is busy after each job for a random 5-15 s of simulated printing,
 * too long and too random for a unit test of the retry.
 */
export async function startBusyIppPrinter(): Promise<BusyIppPrinter> {
  const jobs: { pdf: Buffer; accepted: boolean }[] = [];
  let busy = 0;
  let busyHttp = false;
  let nextJob = 1;
  let failure: 'refuse' | 'vanish' | 'garbage' | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      // Gone mid-job: the connection drops once part of the document has come in.
      if (failure === 'vanish' && Buffer.concat(chunks).includes('%PDF-')) {
        failure = undefined;
        req.socket.destroy();
      }
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const request = decodeResponse(body);
      const answer = (status: number, attributes: { tag: number; name: string; value: string | number }[]) =>
        res
          .writeHead(200, { 'content-type': 'application/ipp' })
          .end(encodeRequest({ operation: status, requestId: request.requestId, attributes }));
      if (request.status !== IPP_OPERATION.printJob)
        return answer(0, [
          { tag: VALUE.enum, name: 'printer-state', value: 3 },
          { tag: VALUE.mimeMediaType, name: 'document-format-supported', value: 'application/pdf' },
        ]);
      const pdf = body.subarray(body.indexOf('%PDF-'));
      const failed = failure;
      failure = undefined;
      if (failed === 'refuse') {
        jobs.push({ pdf: Buffer.from(pdf), accepted: false });
        return answer(0x0506, [{ tag: VALUE.text, name: 'status-message', value: 'Not accepting jobs.' }]);
      }
      if (failed === 'garbage') {
        jobs.push({ pdf: Buffer.from(pdf), accepted: false });
        return res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><body>Router login</body></html>');
      }
      const refuse = busy > 0;
      jobs.push({ pdf: Buffer.from(pdf), accepted: !refuse });
      if (refuse) {
        busy--;
        if (busyHttp) return res.writeHead(503, 'Service Unavailable').end();
        return answer(0x0507, [
          { tag: VALUE.text, name: 'status-message', value: 'Currently printing another job.' },
        ]);
      }
      answer(0, [{ tag: VALUE.integer, name: 'job-id', value: nextJob++ }]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    uri: `ipp://127.0.0.1:${port}/ipp/print`,
    jobs,
    busyFor(n, http = false) {
      busy = n;
      busyHttp = http;
    },
    failNext(how) {
      failure = how;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
