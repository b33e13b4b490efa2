import { renderFormPdf, pdfkit, type FormPdfOptions } from './form-pdf.js';
import type { FormTemplate } from './form-template.js';
import { sampleValues, validateForm } from './form-validation.js';
import { pdfFace, registerPdfFonts } from './pdf-fonts.js';

/** One step of the warm-up and how long it held the event loop. */
export interface WarmupStep {
  step: 'regular' | 'bold' | 'italic' | 'pdfkit' | 'page' | 'form';
  /** When it started (epoch ms) and how long it took. */
  at: number;
  ms: number;
}

/** The warm-up of this thread (the A4 renderer's worker, pdf-renderer.ts). */
let warming: Promise<WarmupStep[]> | undefined;

/**
 * Readies the A4 renderer before the citizen's first print, once per thread: the first PDF
 * after start paid for loading fontkit and pdfkit, parsing the three faces and pdfkit's first
 * layout and subsetting (about 0.3 s on an idle Pi-class core, 1.4 s seen under load), which the
 * later ones do not. Run in the renderer's worker thread when a form opens (pdf-renderer.ts,
 * flows/form-flow.ts), so no press, touch or scan waits for it: on the citizen's thread its
 * steps held a tap for up to 0.75 s at load ~9, even when each waited for a pause in typing. The
 * last step renders the form with its template's made-up samples (never the citizen's values) and
 * drops the PDF. A step that fails ends the warm-up (the print then pays the rest, as before).
 */
export function warmFormPdf(template: FormTemplate, options: FormPdfOptions): Promise<WarmupStep[]> {
  return (warming ??= run(template, options));
}

async function run(template: FormTemplate, options: FormPdfOptions): Promise<WarmupStep[]> {
  const steps: WarmupStep[] = [];
  const timed = async (step: WarmupStep['step'], work: () => unknown): Promise<void> => {
    const at = Date.now();
    const t0 = performance.now();
    await work();
    steps.push({ step, at, ms: performance.now() - t0 });
  };
  await timed('regular', () => pdfFace('regular'));
  await timed('bold', () => pdfFace('bold'));
  await timed('italic', () => pdfFace('italic'));
  await timed('pdfkit', () => pdfkit());
  await timed('page', () => onePage());
  await timed('form', () =>
    renderFormPdf(
      template,
      validateForm(template, sampleValues(template), options.now, options.timeZone),
      options,
    ),
  );
  return steps;
}

/** A page with one line in each face: pdfkit's document, layout and subsetting code run once. */
function onePage(): Promise<void> {
  const doc = new (pdfkit())({ size: 'A4' });
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.resume();
  registerPdfFonts(doc);
  for (const face of ['regular', 'bold', 'italic']) doc.font(face).fontSize(12).text('Tờ khai đăng ký');
  doc.end();
  return done;
}
