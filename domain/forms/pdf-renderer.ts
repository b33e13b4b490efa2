import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Service } from '../../runtime/service.js';
import { projectRoot } from '../catalog/catalog-service.js';
import type { FormDocumentInput, FormPdfOptions } from './form-pdf.js';
import type { FormTemplate } from './form-template.js';
import type { WarmupStep } from './pdf-warmup.js';

/** What the renderer's thread is asked to do. */
type RenderAsk =
  | { op: 'render'; template: FormTemplate; input: FormDocumentInput; options: FormPdfOptions }
  | { op: 'warm'; template: FormTemplate; options: FormPdfOptions };

/** A request to the renderer's thread: what, and the id its answer carries. */
export type RenderRequest = RenderAsk & { id: number };

/** Its answer: the PDF, the warm-up's steps, or why not; `threadId` the thread that did it. */
export interface RenderReply {
  id: number;
  threadId: number;
  pdf?: Uint8Array;
  steps?: WarmupStep[];
  error?: string;
}

/** The compiled worker (tsc emits it with the rest of domain/ into dist/, which releases ship). */
export const PDF_WORKER_FILE = join(projectRoot(), 'dist', 'domain', 'forms', 'pdf-render-worker.js');

/**
 * The A4 renderer off the citizen's thread (#15): the form's PDF is laid out, its fonts parsed and
 * subset in a worker thread, so a press, touch or scan is drawn at once while a document renders
 * or the renderer warms (on the main thread the warm-up's steps held a tap for up to 0.75 s, the
 * print's render held the "Đang in…" frame). One worker, started on first use and kept (its warm
 * fonts and pdfkit are the point), one request at a time in order; a worker that fails or exits
 * rejects what it had and the next request starts a new one. The values go to the worker and the
 * PDF comes back in memory only.
 */
export class FormPdfRenderer implements Service {
  readonly name = 'a4-renderer';
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, { resolve(r: RenderReply): void; reject(e: Error): void }>();
  private warming: Promise<WarmupStep[]> | undefined;

  constructor(private readonly workerFile: string = PDF_WORKER_FILE) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new Error('the A4 renderer stopped'));
    await worker?.terminate();
  }

  /** The form as an A4 PDF (form-pdf.ts), rendered in the worker. */
  async render(template: FormTemplate, input: FormDocumentInput, options: FormPdfOptions): Promise<Buffer> {
    // Only what the document shows crosses to the worker (a FormCheck's errors stay here).
    const reply = await this.ask({
      op: 'render',
      template,
      input: { values: input.values, visible: [...input.visible] },
      options,
    });
    if (!reply.pdf) throw new Error('the A4 renderer answered without a PDF');
    return Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength);
  }

  /**
   * Readies the worker before the first print (pdf-warmup.ts: fonts, pdfkit, a page, the form with
   * its template's made-up samples), once per renderer; each step's time and the thread it ran in.
   */
  warm(template: FormTemplate, options: FormPdfOptions): Promise<WarmupStep[]> {
    // Its failure reaches the caller through this promise (the flow logs it).
    this.warming ??= this.ask({ op: 'warm', template, options }).then((r) => r.steps ?? []);
    return this.warming;
  }

  /** The warm-up asked for, if any (undefined until a form screen asked). */
  warmed(): Promise<WarmupStep[]> | undefined {
    return this.warming;
  }

  private async ask(req: RenderAsk): Promise<RenderReply> {
    const id = this.next++;
    const worker = this.thread();
    const reply = await new Promise<RenderReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id });
    });
    if (reply.error) throw new Error(`A4 renderer: ${reply.error}`);
    return reply;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    if (!existsSync(this.workerFile))
      throw new Error(`A4 renderer not built: ${this.workerFile} is missing (run npm run build)`);
    const worker = new Worker(this.workerFile);
    // A kiosk that is stopping does not wait for an idle renderer.
    worker.unref();
    worker.on('message', (reply: RenderReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const gone = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.fail(err);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the A4 renderer's thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private fail(err: Error): void {
    for (const [, waiting] of this.pending) waiting.reject(err);
    this.pending.clear();
  }
}
