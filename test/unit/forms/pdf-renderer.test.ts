import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFormDir } from '../../../domain/forms/form-library.js';
import { renderFormPdf } from '../../../domain/forms/form-pdf.js';
import { FormPdfRenderer, PDF_WORKER_FILE } from '../../../domain/forms/pdf-renderer.js';
import { sampleValues, validateForm } from '../../../domain/forms/form-validation.js';

const NOW = Date.parse('2026-12-02T03:00:00Z');
const OPTIONS = { agency: 'UBND XÃ HẢI HẬU', now: NOW };
const forms = readFormDir();
const dir = mkdtempSync(join(tmpdir(), 'kiosk-pdf-renderer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (pdf: Buffer, name: string): string => {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
};

/**
 * The A4 documents are laid out in the renderer's own thread (#15): on the citizen's thread the
 * print's render held the "Đang in…" frame and every press meanwhile. The worker's PDF reads as the
 * one rendered in this thread; a worker that stops mid-job fails that job with the reason, and the
 * next document gets a new worker.
 */
describe('Forms: the A4 renderer thread', () => {
  it('renders every shipped form as the in-thread renderer does (the same extractable text)', async () => {
    const renderer = new FormPdfRenderer();
    try {
      for (const t of forms) {
        const check = validateForm(t, sampleValues(t), NOW);
        const fromWorker = await renderer.render(t, check, OPTIONS);
        expect(fromWorker.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const here = await renderFormPdf(t, check, OPTIONS);
        expect(text(fromWorker, `${t.id}-worker`)).toBe(text(here, `${t.id}-here`));
      }
    } finally {
      await renderer.stop();
    }
  });

  it('a job the worker cannot finish fails with its reason; the next one gets a new worker', async () => {
    const renderer = new FormPdfRenderer();
    const t = forms.find((f) => f.id === 'khai-sinh');
    if (!t) throw new Error('no khai sinh');
    const check = validateForm(t, sampleValues(t), NOW);
    try {
      // Stopped (the kiosk shutting down) while a document renders.
      const job = renderer.render(t, check, OPTIONS);
      const stopped = renderer.stop();
      await expect(job).rejects.toThrow(/A4 renderer stopped/);
      await stopped;
      // A template the renderer chokes on: its error, and the worker goes on.
      await expect(
        renderer.render({ ...t, sections: null as unknown as typeof t.sections }, check, OPTIONS),
      ).rejects.toThrow(/^A4 renderer: /);
      const again = await renderer.render(t, check, OPTIONS);
      expect(text(again, 'again')).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    } finally {
      await renderer.stop();
    }
  });

  it('a renderer not built says which file is missing', async () => {
    const renderer = new FormPdfRenderer(join(dir, 'nowhere', 'pdf-render-worker.js'));
    const t = forms[0];
    if (!t) throw new Error('no forms');
    await expect(renderer.render(t, validateForm(t, sampleValues(t), NOW), OPTIONS)).rejects.toThrow(
      /A4 renderer not built: .*nowhere\/pdf-render-worker\.js is missing \(run npm run build\)/,
    );
    expect(PDF_WORKER_FILE).toMatch(/dist\/domain\/forms\/pdf-render-worker\.js$/);
  });
});
