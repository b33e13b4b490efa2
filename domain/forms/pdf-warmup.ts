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

/** Waits between the steps: a press that came meanwhile is handled before the next one. */
export type WarmupWait = (ms: number) => Promise<void>;

const pause: WarmupWait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let warming: Promise<WarmupStep[]> | undefined;

/** The warm-up of this process: undefined until a form screen asked for it. */
export function pdfWarmup(): Promise<WarmupStep[]> | undefined {
  return warming;
}

/**
 * Readies the A4 renderer before the citizen's first print, once per process: the first PDF
 * after start paid for loading fontkit and pdfkit, parsing the three faces and pdfkit's first
 * layout and subsetting (about 0.3 s on an idle Pi-class core, 1.4 s seen under load), which the
 * later ones do not. Started when a form opens, after `delayMs` (the form's first frame is drawn
 * and its label spoken meanwhile), in steps `gapMs` apart, each its own macrotask (at most one
 * face, one module or one document), so a press waits at most one step; the flow's `wait` also
 * holds each step until the citizen pauses (flows/form-flow.ts), so typing is not held up. The last step renders
 * the form with its template's made-up samples (never the citizen's values) and drops the PDF.
 * A step that fails ends the warm-up (the print then pays the rest, as before).
 */
export function warmFormPdf(
  template: FormTemplate,
  options: FormPdfOptions,
  { delayMs = 300, gapMs = 40, wait = pause }: { delayMs?: number; gapMs?: number; wait?: WarmupWait } = {},
): Promise<WarmupStep[]> {
  return (warming ??= run(template, options, delayMs, gapMs, wait));
}

async function run(
  template: FormTemplate,
  options: FormPdfOptions,
  delayMs: number,
  gapMs: number,
  wait: WarmupWait,
): Promise<WarmupStep[]> {
  const steps: WarmupStep[] = [];
  const timed = async (step: WarmupStep['step'], work: () => unknown): Promise<void> => {
    await wait(steps.length ? gapMs : delayMs);
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
