import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import type { MockDocumentPrinter } from '../../../hardware-mocks/document-printer.js';
import type { MockTouch } from '../../../hardware-mocks/touch.js';

/** Whether this thread has loaded a package (the A4 renderer's belong to its worker). */
const loadedHere = (pkg: string): boolean =>
  Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes(`/node_modules/${pkg}/`));

/**
 * The first A4 print after start paid for loading and parsing the fonts and pdfkit (about 1.4 s
 * seen in a test's first print) that the later prints do not, so opening a form warms the
 * renderer. On the citizen's thread each of its steps (fontkit and a face, pdfkit, a page, the
 * form: 0.1-0.75 s each at load ~9) held a tap that came meanwhile, even when it waited for a
 * pause in typing; the warm-up now runs in the A4 renderer's own thread (pdf-renderer.ts), and
 * neither pdfkit nor fontkit is ever loaded on the citizen's (the input → frame times during the
 * warm-up are in `npm run bench -- forms`, not here).
 */
describe('Forms: the A4 renderer is warmed in its own thread when a form opens (#15)', () => {
  let headless: HeadlessKiosk;
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-form-warm-'));
  beforeAll(async () => {
    const configFile = join(dir, 'kiosk.json');
    writeFileSync(configFile, JSON.stringify({ documentPrinter: { driver: 'mock' } }));
    headless = await HeadlessKiosk.open({ width: 800, height: 480, rotation: 0, configFile });
  });
  afterAll(async () => {
    await headless?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opening khai sinh warms fonts, pdfkit, a page and the form in the worker; the taps meanwhile are answered', async () => {
    const ui = headless.kiosk.ui;
    const pdf = headless.kiosk.deps.forms?.pdf;
    if (!pdf) throw new Error('no A4 renderer');
    expect(pdf.warmed()).toBeUndefined();
    ui.open('form', { form: 'khai-sinh' });
    const warming = pdf.warmed();
    expect(warming).toBeDefined();
    // The citizen taps on while it warms (on the title bar: nothing changes); every tap is handled.
    const touch = headless.kiosk.drivers.touch as unknown as MockTouch;
    let handled = 0;
    const off = headless.kiosk.bus.on('test', 'input.touch', () => handled++);
    for (let i = 0; i < 10; i++) {
      touch.tap(400, 10);
      await new Promise((r) => setTimeout(r, 50));
    }
    off();
    expect(handled).toBeGreaterThanOrEqual(10);
    const steps = (await warming) ?? [];
    expect(steps.map((s) => s.step)).toEqual(['regular', 'bold', 'italic', 'pdfkit', 'page', 'form']);
    // None of it on this (the citizen's) thread.
    expect(loadedHere('pdfkit')).toBe(false);
    expect(loadedHere('fontkit')).toBe(false);
    // A second form (or the same one again) does not warm again.
    ui.home();
    ui.open('form', { form: 'ket-hon' });
    expect(pdf.warmed()).toBe(warming);
    // Its document was dropped, never sent to the printer.
    const printer = headless.kiosk.drivers.documentPrinter as unknown as MockDocumentPrinter;
    expect(printer.documents).toEqual([]);
  });
});
