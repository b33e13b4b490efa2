import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import { pdfWarmup } from '../../../domain/forms/pdf-warmup.js';
import type { MockDocumentPrinter } from '../../../hardware-mocks/document-printer.js';
import type { MockTouch } from '../../../hardware-mocks/touch.js';

/**
 * The first A4 print after start paid for loading and parsing the fonts and pdfkit (about 1.4 s
 * seen in a test's first print) that the later prints do not. Opening a form readies the
 * renderer in short steps after the form's first frame, each its own task, so the first print
 * is as fast as the later ones (the time is in `npm run bench -- forms`, not here).
 */
describe('Forms: the A4 renderer is warmed when a form opens (#15)', () => {
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

  it('opening khai sinh warms fonts, pdfkit and a page in separate steps; none of it on the input path', async () => {
    const ui = headless.kiosk.ui;
    expect(pdfWarmup()).toBeUndefined();
    const opened = Date.now();
    ui.open('form', { form: 'khai-sinh' });
    const warming = pdfWarmup();
    expect(warming).toBeDefined();
    // Opening the screen did none of it: every step waits for its own timer.
    let firstStepRan = false;
    void warming?.then(() => (firstStepRan = true));
    await ui.settle();
    await new Promise((r) => setImmediate(r));
    expect(firstStepRan).toBe(false);
    // The citizen types for 1.5 s (a touch every 150 ms, on the title bar: nothing changes).
    const touch = headless.kiosk.drivers.touch as unknown as MockTouch;
    let lastTouch = 0;
    for (let i = 0; i < 10; i++) {
      touch.tap(400, 10);
      lastTouch = Date.now();
      await new Promise((r) => setTimeout(r, 150));
    }
    const steps = (await warming) ?? [];
    expect(steps.map((s) => s.step)).toEqual(['regular', 'bold', 'italic', 'pdfkit', 'page', 'form']);
    // None of it while the citizen typed: the first step waited for a pause of 0.8 s.
    expect(steps[0]?.at ?? 0).toBeGreaterThanOrEqual(lastTouch + 795);
    expect(steps.every((s) => s.at >= opened)).toBe(true);
    // A second form (or the same one again) does not warm again.
    ui.home();
    ui.open('form', { form: 'ket-hon' });
    expect(pdfWarmup()).toBe(warming);
    // Its document was dropped, never sent to the printer.
    const printer = headless.kiosk.drivers.documentPrinter as unknown as MockDocumentPrinter;
    expect(printer.documents).toEqual([]);
  });
});
