import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isButtonId } from '../../drivers/buttons/types.js';
import type { Kiosk } from '../compose.js';

/** The parts of a composed kiosk the simulator drives and shows. */
export type SimulatedParts = Pick<
  Kiosk,
  'ui' | 'bus' | 'outbox' | 'drivers' | 'clock' | 'voice' | 'config' | 'session' | 'services' | 'deps'
>;
import type { KioskEvents } from '../../domain/events.js';
import type { Logger } from '../../runtime/logger.js';
import type { Ticket } from '../../domain/queue/ticket.js';
import type { Service, ServiceContext } from '../../runtime/service.js';
import {
  simulatedHardware,
  type MockDisplay,
  type MockDocumentPrinter,
  type MockPrinter,
} from '../hardware.js';
import { describeValue, HttpError, readJson, sendBytes, sendJson } from './http-util.js';
import { previewPage } from './preview-page.js';
import { currentFilling } from '../../flows/form-flow.js';
import { documentPages, documentPagePng } from './document-pages.js';

export interface SimulatorOptions {
  host: string;
  port: number;
  /** No preview page, API only (for tests). */
  headless: boolean;
}

type StreamEvent = { type: string; data: unknown };

/**
 * The simulator's HTTP side: the live preview page and the control API (/api). Inputs go through
 * the same bus events as real hardware, so the kiosk cannot tell the difference.
 */
export class SimulatorServer implements Service {
  readonly name = 'simulator';
  readonly dependsOn = ['ui'];
  private server: Server | undefined;
  private lastTicket: Ticket | null = null;
  private readonly clients = new Set<ServerResponse>();
  private readonly recent: StreamEvent[] = [];
  private offs: (() => void)[] = [];
  url = '';

  constructor(
    private readonly kiosk: SimulatedParts,
    private readonly options: SimulatorOptions,
    private readonly log: Logger,
  ) {}

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.server) return;
    const bus = this.kiosk.bus;
    const forward = <K extends keyof KioskEvents>(event: K, map: (p: KioskEvents[K]) => unknown = (p) => p) =>
      bus.on(this.name, event, (payload) => this.broadcast(String(event), map(payload)));
    this.offs = [
      // The ticket as the citizen got it: the same people-ahead (and source) as screen, paper and voice.
      bus.on(this.name, 'ticket.delivered', (ticket) => {
        this.lastTicket = ticket;
      }),
      forward('ui.frame'),
      forward('ui.screen'),
      forward('voice.spoken'),
      forward('voice.audio'),
      forward('printer.printed'),
      forward('printer.failed'),
      forward('outbox.queued'),
      forward('service.state'),
      forward('session.ended'),
      // What was said to the citizen (their name in the greeting) goes with their session, as the
      // voice transcript does.
      bus.on(this.name, 'session.ended', () => {
        const kept = this.recent.filter((e) => e.type !== 'voice.spoken');
        this.recent.length = 0;
        this.recent.push(...kept);
      }),
      forward('input.scan-rejected'),
    ];
    const server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : 500;
        if (err instanceof HttpError && err.aborted) this.log.info({ url: req.url }, err.message);
        else if (status === 500) this.log.error({ err, url: req.url }, 'simulator request failed');
        if (!res.headersSent)
          sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://${this.options.host}:${port}`;
    this.log.info(
      { url: this.url, port, headless: this.options.headless },
      this.options.headless ? `simulator API at ${this.url}/api` : `preview page at ${this.url}`,
    );
  }

  async stop(): Promise<void> {
    for (const off of this.offs) off();
    for (const client of this.clients) client.end();
    this.clients.clear();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private broadcast(type: string, data: unknown): void {
    const event = { type, data };
    this.recent.push(event);
    if (this.recent.length > 200) this.recent.shift();
    const line = `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) client.write(line);
  }

  private get display(): MockDisplay {
    const display = simulatedHardware(this.kiosk.drivers).display;
    if (!display) throw new HttpError(409, 'display is not the mock display');
    return display;
  }

  private get documentPrinter(): MockDocumentPrinter {
    const printer = simulatedHardware(this.kiosk.drivers).documentPrinter;
    if (!printer)
      throw new HttpError(409, 'documentPrinter is not the mock A4 printer (documentPrinter.driver: mock)');
    return printer;
  }

  private get printer(): MockPrinter {
    const printer = simulatedHardware(this.kiosk.drivers).printer;
    if (!printer) throw new HttpError(409, 'printer is not the mock printer');
    return printer;
  }

  state(): Record<string, unknown> {
    const ui = this.kiosk.ui;
    const screen = ui.current;
    const details = screen?.describe?.() ?? {};
    return {
      screen: screen?.name ?? null,
      focus: ui.focusedTarget?.id ?? null,
      lang: ui.lang,
      theme: ui.themeName,
      blanked: ui.blanked,
      targets: ui.visibleTargets.map((t) => ({
        id: t.id,
        label: t.label,
        button: t.button ?? null,
        rect: t.rect,
      })),
      lastTicket: this.lastTicket,
      sessionActive: this.kiosk.session.active,
      details,
      assistant: (details as { assistant?: unknown }).assistant ?? null,
      form: this.kiosk.deps.forms
        ? (currentFilling({ forms: this.kiosk.deps.forms })?.describe() ?? null)
        : null,
      services: this.kiosk.services.status(),
      outboxCount: this.kiosk.outbox.count(),
    };
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const key = `${req.method} ${url.pathname}`;
    const kiosk = this.kiosk;
    switch (key) {
      case 'GET /':
        if (this.options.headless) throw new HttpError(404, 'headless simulator: use /api');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(previewPage({ panel: kiosk.config.input.panel, title: kiosk.config.device.centre }));
        return;
      case 'GET /api/state':
        return sendJson(res, 200, this.state());
      case 'GET /api/screen.png':
        return sendBytes(res, 'image/png', this.display.png());
      case 'POST /api/button': {
        const body = await readJson(req);
        if (!isButtonId(body.id)) {
          throw new HttpError(
            400,
            `id: must be one of 1-9, ok, back, up, down, help; got ${describeValue(body.id)}`,
          );
        }
        const action = body.action === 'long-press' ? 'long-press' : 'press';
        kiosk.bus.emit('input.button', { id: body.id, action, at: kiosk.clock.now() });
        await kiosk.ui.settle();
        return sendJson(res, 200, this.state());
      }
      case 'POST /api/ask': {
        const body = await readJson(req);
        if (typeof body.text !== 'string') throw new HttpError(400, 'text: must be a string (the question)');
        // Bounded before it reaches the UI; the assistant cuts it further before analysis.
        const text = body.text.slice(0, 4096);
        if (kiosk.ui.current?.name !== 'assistant') {
          kiosk.ui.open('assistant');
          await kiosk.ui.settle();
        }
        kiosk.ui.current?.onText?.(text);
        await kiosk.ui.settle();
        return sendJson(res, 200, this.state());
      }
      case 'POST /api/touch': {
        const body = await readJson(req);
        const { x, y } = body;
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
          throw new HttpError(400, 'x, y: must be numbers (device pixels)');
        }
        const at = kiosk.clock.now();
        kiosk.bus.emit('input.touch', { x, y, phase: 'down', at });
        kiosk.bus.emit('input.touch', { x, y, phase: 'up', at });
        await kiosk.ui.settle();
        return sendJson(res, 200, this.state());
      }
      case 'POST /api/scan': {
        const body = await readJson(req);
        const scanner = simulatedHardware(kiosk.drivers).scanner;
        if (body.garbage !== undefined) {
          // A garbage read as the real drivers reject it: nothing reaches the flows.
          const reasons = ['invalid-utf8', 'control-bytes', 'too-long'] as const;
          const reason = reasons.find((r) => r === body.garbage);
          if (!reason) throw new HttpError(400, `garbage: must be ${reasons.join(', ')}`);
          if (!scanner) throw new HttpError(409, 'scanner is not the mock scanner');
          scanner.emitGarbage(reason, reason === 'too-long' ? 65_536 : 12);
          return sendJson(res, 200, this.state());
        }
        if (typeof body.data !== 'string' || body.data.length === 0 || body.data.length > 4096) {
          throw new HttpError(400, 'data: must be a non-empty string of at most 4096 characters');
        }
        if (scanner) scanner.emitData(body.data);
        else
          kiosk.bus.emit('input.scan', {
            data: body.data.normalize('NFC').replace(/[\r\n]+$/, ''),
            at: kiosk.clock.now(),
          });
        await kiosk.ui.settle();
        return sendJson(res, 200, this.state());
      }
      case 'GET /api/receipts':
        return sendJson(
          res,
          200,
          this.printer.receipts.map((r) => ({
            id: r.id,
            at: new Date(r.at).toISOString(),
            width: r.width,
            height: r.height,
            cut: r.cut,
            complete: r.complete,
            text: r.text,
            png: `/api/receipts/${r.id}.png`,
            raw: `/api/receipts/${r.id}.bin`,
            pngBase64: r.png.toString('base64'),
            rawBase64: Buffer.from(r.raw).toString('base64'),
          })),
        );
      case 'POST /api/form/start': {
        const body = await readJson(req);
        const library = kiosk.deps.forms?.library;
        if (!library) throw new HttpError(409, 'this kiosk offers no forms');
        if (typeof body.form !== 'string' || !library.get(body.form))
          throw new HttpError(
            400,
            `form: must be one of ${library
              .list()
              .map((t) => t.id)
              .join(', ')}; got ${describeValue(body.form)}`,
          );
        if (body.procedure !== undefined && typeof body.procedure !== 'string')
          throw new HttpError(400, 'procedure: must be a procedure code string, e.g. "1.001193"');
        kiosk.ui.open('form', {
          form: body.form,
          ...(typeof body.procedure === 'string' ? { procedure: body.procedure } : {}),
        });
        await kiosk.ui.settle();
        return sendJson(res, 200, this.state());
      }
      case 'GET /api/documents':
        return sendJson(
          res,
          200,
          await Promise.all(
            this.documentPrinter.documents.map(async (d) => {
              const pages = await documentPages(d.pdf);
              return {
                id: d.jobId,
                name: d.name,
                at: new Date(d.at).toISOString(),
                bytes: d.pdf.length,
                pages,
                pdf: `/api/documents/${d.jobId}.pdf`,
                png: Array.from({ length: pages }, (_, i) => `/api/documents/${d.jobId}-${i + 1}.png`),
              };
            }),
          ),
        );
      case 'POST /api/printer': {
        const body = await readJson(req);
        const printer = this.printer;
        for (const flag of ['paperOut', 'nearEnd', 'coverOpen', 'unplugged', 'fault', 'offline'] as const) {
          if (typeof body[flag] === 'boolean') printer[flag] = body[flag];
        }
        if (body.paperLeftJobs === null) printer.paperLeftJobs = undefined;
        else if (body.paperLeftJobs !== undefined) {
          const n = body.paperLeftJobs;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
            throw new HttpError(
              400,
              'paperLeftJobs: must be a whole number >= 0, or null for an endless roll',
            );
          printer.paperLeftJobs = n;
        }
        return sendJson(res, 200, await printer.status().catch((err: Error) => ({ error: err.message })));
      }
      case 'GET /api/speech':
        return sendJson(res, 200, kiosk.voice.transcript);
      case 'GET /api/events':
        return sendJson(res, 200, {
          outbox: kiosk.outbox.peek(500),
          count: kiosk.outbox.count(),
          recent: this.recent,
        });
      case 'GET /api/stream':
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(`event: hello\ndata: ${JSON.stringify(this.state())}\n\n`);
        this.clients.add(res);
        req.on('close', () => this.clients.delete(res));
        return;
    }
    const speech = /^GET \/api\/speech\/(\d+)\.wav$/.exec(key);
    if (speech) {
      const wav = kiosk.voice.audioOf(Number(speech[1]));
      if (!wav)
        throw new HttpError(
          404,
          'no audio for this utterance (voice.tts is "text", or it is older than the last 20)',
        );
      return sendBytes(res, 'audio/wav', wav);
    }
    const doc = /^GET \/api\/documents\/(\d+)(?:-(\d+))?\.(pdf|png)$/.exec(key);
    if (doc) {
      const found = this.documentPrinter.documents.find((d) => d.jobId === Number(doc[1]));
      if (!found) throw new HttpError(404, 'no such document (the mock A4 printer keeps the last 10)');
      if (doc[3] === 'pdf') return sendBytes(res, 'application/pdf', found.pdf);
      return sendBytes(res, 'image/png', await documentPagePng(found.pdf, Number(doc[2] ?? 1)));
    }
    const receipt = /^GET \/api\/receipts\/(\d+)\.(png|bin)$/.exec(key);
    if (receipt) {
      const found = this.printer.receipts.find((r) => r.id === Number(receipt[1]));
      if (!found) throw new HttpError(404, 'no such receipt');
      return receipt[2] === 'png'
        ? sendBytes(res, 'image/png', found.png)
        : sendBytes(res, 'application/octet-stream', found.raw);
    }
    throw new HttpError(404, `no route ${key}`);
  }
}
