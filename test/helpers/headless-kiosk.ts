import { afterAll, beforeAll } from 'vitest';
import { HeadlessKiosk } from '../../app/headless-render.js';

/** The gallery's instant: Tuesday 25 November 2026, 09:00 in Vietnam. */
export const GALLERY_TIME = Date.UTC(2026, 10, 25, 2);

/**
 * One headless kiosk for a suite, on the gallery's 800×480 panel (not rotated), its clocks held at
 * `time`: opened before the suite's tests, closed after them. The getter returns it inside a test.
 */
export function headlessKioskForSuite(time: number = GALLERY_TIME): () => HeadlessKiosk {
  let headless: HeadlessKiosk | undefined;
  beforeAll(async () => {
    headless = await HeadlessKiosk.open({ width: 800, height: 480, rotation: 0, time });
  });
  afterAll(async () => {
    await headless?.close();
  });
  return () => {
    if (!headless) throw new Error('the suite’s headless kiosk is open only inside its tests');
    return headless;
  };
}
