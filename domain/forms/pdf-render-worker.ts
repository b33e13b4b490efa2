import { parentPort, threadId } from 'node:worker_threads';
import { renderFormPdf } from './form-pdf.js';
import type { RenderReply, RenderRequest } from './pdf-renderer.js';
import { warmFormPdf } from './pdf-warmup.js';

/**
 * The A4 renderer's thread (domain/forms/pdf-renderer.ts starts it from the compiled tree,
 * dist/domain/forms/): renders a form's PDF, or warms the renderer, for each request, one at a
 * time, and answers with its id. What it gets (the citizen's values) lives only in its memory and
 * the reply; nothing is written anywhere.
 */
const port = parentPort;
if (!port) throw new Error('pdf-render-worker runs as a worker thread');
port.on('message', (req: RenderRequest) => {
  void answer(req).then((reply) => {
    if (reply.pdf) port.postMessage(reply, [reply.pdf.buffer as ArrayBuffer]);
    else port.postMessage(reply);
  });
});

async function answer(req: RenderRequest): Promise<RenderReply> {
  try {
    if (req.op === 'warm') {
      const steps = await warmFormPdf(req.template, req.options);
      return { id: req.id, threadId, steps };
    }
    // Copied into a buffer of its own, which the reply transfers (the parent gets it, this thread drops it).
    const pdf = new Uint8Array(await renderFormPdf(req.template, req.input, req.options));
    return { id: req.id, threadId, pdf };
  } catch (err) {
    return { id: req.id, threadId, error: err instanceof Error ? err.message : String(err) };
  }
}
