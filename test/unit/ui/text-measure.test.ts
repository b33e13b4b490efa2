import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { FbdevDisplay } from '../../../drivers/display/fbdev.js';
import { FakeFbdev } from '../../../hardware-mocks/fbdev.js';
import { canvasLib } from '../../../runtime/canvas.js';
import { ManualClock } from '../../../runtime/clock.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { font, registerFonts } from '../../../runtime/fonts.js';
import { createLogger } from '../../../runtime/logger.js';
import { Session } from '../../../domain/session.js';
import { cacheTextMeasures } from '../../../ui-framebuffer/text-measure.js';
import { UiService } from '../../../ui-framebuffer/ui-service.js';
import { createShowcaseScreen } from '../../../ui-framebuffer/widgets/showcase.js';
import { tempDir } from '../../helpers/sim-process.js';

function context(): SKRSContext2D {
  registerFonts();
  return canvasLib().createCanvas(200, 100).getContext('2d');
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0)) await c();
});

describe('Text measures cached per font and text', () => {
  it('measures a string in a font once, and gives the widths Skia gives', () => {
    const plain = context();
    const g = context();
    const measured = cacheTextMeasures(g);
    for (const f of [font(20, 400), font(20, 700), font(32, 600)]) {
      plain.font = f;
      g.font = f;
      for (const text of ['Đăng ký khai sinh', 'Cấp lại thẻ Căn cước', 'Đăng ký khai sinh'])
        expect(g.measureText(text).width).toBe(plain.measureText(text).width);
    }
    // Two distinct strings in three fonts; the repeats came from the cache.
    expect(measured()).toBe(6);
  });

  it('follows the font through save() and restore(), and keeps the font before on a bad value', () => {
    const plain = context();
    const g = context();
    cacheTextMeasures(g);
    const text = 'Thủ tục hành chính';
    const width = (f: string): number => {
      plain.font = f;
      return plain.measureText(text).width;
    };
    g.font = font(18, 400);
    g.save();
    g.font = font(40, 800);
    expect(g.measureText(text).width).toBe(width(font(40, 800)));
    g.restore();
    expect(g.measureText(text).width).toBe(width(font(18, 400)));
    g.font = 'not a font';
    expect(g.measureText(text).width).toBe(width(font(18, 400)));
  });

  it('keeps at most its size, dropping the oldest', () => {
    const g = context();
    const measured = cacheTextMeasures(g, 3);
    g.font = font(20);
    for (const t of ['a', 'b', 'c', 'd']) g.measureText(t);
    g.measureText('d');
    expect(measured()).toBe(4);
    g.measureText('a'); // dropped for 'd'
    expect(measured()).toBe(5);
  });
});

describe('UI service: a focus move lays the screen out from cached measures', () => {
  it('pressing DOWN over a list measures no text again', async () => {
    const dir = tempDir('kiosk-measure-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const fb = new FakeFbdev(dir, { width: 800, height: 480, bitsPerPixel: 16 });
    const bus = new EventBus<KioskEvents>(createLogger('test'));
    const proto = Object.getPrototypeOf(context()) as SKRSContext2D;
    const measure = vi.spyOn(proto, 'measureText');
    const ui = new UiService(
      new FbdevDisplay({ device: fb.device, sysfsDir: fb.sysfsDir }),
      bus,
      new Session(bus),
      new ManualClock(Date.UTC(2026, 10, 25, 1, 30)),
      createLogger('ui'),
      { width: 800, height: 480, theme: 'normal', idleTimeoutSeconds: 600 },
      // The showcase's list alone (its paged text would take the arrows while it has the focus).
      (nav, route) =>
        route === 'home' ? { name: 'list', render: createShowcaseScreen(nav, 'list').render } : undefined,
      () => undefined,
    );
    await ui.start({ signal: new AbortController().signal, fail: () => undefined });
    cleanups.push(() => ui.stop());
    await ui.settle();
    expect(ui.visibleTargets.length).toBeGreaterThan(2);
    const first = measure.mock.calls.length;
    expect(first).toBeGreaterThan(0);
    let frames = 0;
    bus.on('test', 'ui.frame', () => void frames++);
    for (let i = 0; i < 3; i++) {
      bus.emit('input.button', { id: 'down', action: 'press', at: 0 });
      await ui.settle();
    }
    expect(frames).toBe(3);
    expect(ui.focusedTarget?.id).toBe('list:next');
    // Each press draws the whole screen again (its labels wrapped and fitted as before), and every
    // string it measures was measured for the first frame. Before: each press measured them again.
    expect(measure.mock.calls.length).toBe(first);
  });
});
