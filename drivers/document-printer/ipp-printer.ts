import { DriverError } from '../../runtime/errors.js';
import {
  decodeResponse,
  encodeRequest,
  IPP_OPERATION,
  IppDecodeError,
  responseValue,
  responseValues,
  statusName,
  VALUE,
  type IppResponse,
} from './ipp-codec.js';
import type { DocumentPrinter, DocumentPrinterStatus } from './types.js';

const DEVICE = 'document-printer';
const MAX_RESPONSE = 1 << 20;
/** server-error-service-unavailable, -temporary-error and -busy: try the same job again later. */
const BUSY_STATUSES = new Set([0x0502, 0x0505, 0x0507]);
const BUSY_HINT =
  'the printer is busy with another job: the kiosk retries; if it stays busy, check its queue';
const URI_HINT = 'check that the A4 printer is on and documentPrinter.uri (e.g. ipp://HOST:631/ipp/print)';

/** Parses `ipp://`, `ipps://`, `http://` or `https://` printer URIs; throws TypeError naming the field. */
export function parsePrinterUri(uri: string, field = 'documentPrinter.uri'): URL {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new TypeError(`${field}: "${uri}" is not a URI like ipp://HOST:631/ipp/print`);
  }
  if (!['ipp:', 'ipps:', 'http:', 'https:'].includes(url.protocol))
    throw new TypeError(`${field}: must start with ipp:// or ipps://, got "${url.protocol}//"`);
  return url;
}

/**
 * An IPP printer (IPP Everywhere, or a CUPS queue) reached over HTTP. One request per call, with a
 * time limit; every failure is a DriverError whose `code` says whether the printer is unreachable,
 * went away mid-job, refused the job or answered something that is not IPP.
 */
export class IppPrinter implements DocumentPrinter {
  private requestId = 0;

  constructor(
    readonly target: string,
    private readonly options: { timeoutMs: number; user?: string } = { timeoutMs: 10_000 },
  ) {}

  async status(signal?: AbortSignal): Promise<DocumentPrinterStatus> {
    const res = await this.send(IPP_OPERATION.getPrinterAttributes, [], undefined, signal);
    const stateCode = responseValue(res, 'printer-state');
    const state =
      stateCode === 3 ? 'idle' : stateCode === 4 ? 'processing' : stateCode === 5 ? 'stopped' : 'unknown';
    const formats = responseValues(res, 'document-format-supported').map(String);
    return {
      state,
      reasons: responseValues(res, 'printer-state-reasons').map(String),
      accepting: responseValue(res, 'printer-is-accepting-jobs') !== false,
      pdf: formats.includes('application/pdf'),
      model: String(responseValue(res, 'printer-make-and-model') ?? responseValue(res, 'printer-name') ?? ''),
    };
  }

  async print(
    pdf: Uint8Array,
    job: { name: string; user?: string },
    signal?: AbortSignal,
  ): Promise<{ jobId: number }> {
    const res = await this.send(
      IPP_OPERATION.printJob,
      [
        { tag: VALUE.name, name: 'requesting-user-name', value: job.user ?? this.options.user ?? 'kiosk' },
        { tag: VALUE.name, name: 'job-name', value: job.name.slice(0, 255) },
        { tag: VALUE.mimeMediaType, name: 'document-format', value: 'application/pdf' },
      ],
      pdf,
      signal,
    );
    const jobId = responseValue(res, 'job-id');
    if (typeof jobId !== 'number')
      throw new DriverError(
        DEVICE,
        'device-fault',
        'garbage',
        `${this.target} accepted the job but gave no job-id`,
        URI_HINT,
      );
    return { jobId };
  }

  private async send(
    operation: number,
    attributes: { tag: number; name: string; value: string | number }[],
    data: Uint8Array | undefined,
    signal?: AbortSignal,
  ): Promise<IppResponse> {
    const url = parsePrinterUri(this.target);
    const printerUri = `${url.protocol === 'https:' || url.protocol === 'ipps:' ? 'ipps' : 'ipp'}://${url.host}${url.pathname}`;
    const requestId = (this.requestId = (this.requestId % 0x7fffffff) + 1);
    const body = encodeRequest({
      operation,
      requestId,
      attributes: [{ tag: VALUE.uri, name: 'printer-uri', value: printerUri }, ...attributes],
      ...(data ? { data } : {}),
    });
    const raw = await this.post(url, body, signal);
    let res: IppResponse;
    try {
      res = decodeResponse(raw);
    } catch (err) {
      if (!(err instanceof IppDecodeError)) throw err;
      throw new DriverError(
        DEVICE,
        'device-fault',
        'garbage',
        `${this.target} answered something that is not IPP (${err.message})`,
        `${URI_HINT}; is it a printer?`,
        { cause: err },
      );
    }
    if (res.status >= 0x0400) throw refusal(this.target, res);
    return res;
  }

  private async post(url: URL, body: Buffer, signal?: AbortSignal): Promise<Buffer> {
    const secure = url.protocol === 'ipps:' || url.protocol === 'https:';
    // Loaded on the first print: node:http/https/tls are not needed before the first frame (#16).
    const { request } = secure ? await import('node:https') : await import('node:http');
    const port = url.port ? Number(url.port) : 631;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
    return new Promise<Buffer>((resolve, reject) => {
      let sent = false;
      const req = request(
        {
          host: url.hostname,
          port,
          path: url.pathname || '/',
          method: 'POST',
          headers: { 'content-type': 'application/ipp', 'content-length': body.length },
          signal: abort,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_RESPONSE) {
              res.destroy();
              reject(
                new DriverError(
                  DEVICE,
                  'device-fault',
                  'garbage',
                  `${this.target} sent more than 1 MiB back`,
                  URI_HINT,
                ),
              );
            } else chunks.push(c);
          });
          res.on('error', (err) => reject(this.transportError(err, true, timeout)));
          res.on('end', () => {
            // CUPS and IPP Everywhere printers answer HTTP 503 while they cannot take a request yet.
            if (res.statusCode === 503)
              return reject(
                new DriverError(
                  DEVICE,
                  'busy',
                  'busy',
                  `${this.target} answered HTTP 503 ${res.statusMessage ?? ''}`.trim(),
                  BUSY_HINT,
                ),
              );
            if (res.statusCode !== 200)
              return reject(
                new DriverError(
                  DEVICE,
                  'device-fault',
                  `http-${res.statusCode ?? 0}`,
                  `${this.target} answered HTTP ${res.statusCode ?? '?'} ${res.statusMessage ?? ''}`.trim(),
                  URI_HINT,
                ),
              );
            const type = String(res.headers['content-type'] ?? '');
            if (!type.startsWith('application/ipp'))
              return reject(
                new DriverError(
                  DEVICE,
                  'device-fault',
                  'garbage',
                  `${this.target} answered "${type || 'no content type'}", not application/ipp`,
                  `${URI_HINT}; is it a printer?`,
                ),
              );
            resolve(Buffer.concat(chunks));
          });
        },
      );
      req.on('error', (err) => reject(this.transportError(err, sent, timeout)));
      req.end(body, () => (sent = true));
    });
  }

  private transportError(err: Error & { code?: string }, midJob: boolean, timeout: AbortSignal): DriverError {
    if (timeout.aborted)
      return new DriverError(
        DEVICE,
        'timeout',
        'timeout',
        `${this.target} did not answer within ${this.options.timeoutMs} ms`,
        URI_HINT,
        { cause: err },
      );
    if (err.name === 'AbortError')
      return new DriverError(
        DEVICE,
        'canceled',
        'canceled',
        `printing to ${this.target} was canceled`,
        undefined,
        {
          cause: err,
        },
      );
    const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'].includes(
      err.code ?? '',
    );
    if (unreachable)
      return new DriverError(
        DEVICE,
        'disconnected',
        'unreachable',
        `no printer answers at ${this.target} (${err.code})`,
        URI_HINT,
        {
          cause: err,
        },
      );
    return new DriverError(
      DEVICE,
      'disconnected',
      midJob ? 'connection-lost' : 'unreachable',
      `the connection to ${this.target} broke${midJob ? ' during the job' : ''} (${err.code ?? err.message})`,
      URI_HINT,
      { cause: err },
    );
  }
}

function refusal(target: string, res: IppResponse): DriverError {
  const name = statusName(res.status);
  const detail = responseValue(res, 'status-message');
  const message = `${target} refused: ${name}${typeof detail === 'string' && detail ? ` (${detail})` : ''}`;
  // Busy for now (printing another job, warming up): the same job goes through a little later.
  if (BUSY_STATUSES.has(res.status)) return new DriverError(DEVICE, 'busy', 'busy', message, BUSY_HINT);
  if (res.status === 0x0506)
    return new DriverError(
      DEVICE,
      'busy',
      'not-accepting',
      message,
      'the printer is paused or not accepting jobs: resume it (CUPS: cupsenable/cupsaccept)',
    );
  if (res.status === 0x040a)
    return new DriverError(
      DEVICE,
      'device-fault',
      'format',
      message,
      'the printer cannot print PDF: use a CUPS queue or an IPP Everywhere printer',
    );
  return new DriverError(DEVICE, 'device-fault', 'refused', message, URI_HINT);
}
