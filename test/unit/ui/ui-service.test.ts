import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FbdevDisplay } from '../../../drivers/display/fbdev.js';
import { FakeFbdev } from '../../../hardware-mocks/fbdev.js';
import { ManualClock } from '../../../runtime/clock.js';
import { ConfigStore } from '../../../runtime/config/config-store.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { createLogger } from '../../../runtime/logger.js';
import { Session } from '../../../domain/session.js';
import { drawFrame } from '../../../ui-framebuffer/draw.js';
import type { Rotation } from '../../../drivers/display/rotation.js';
import { RotatedDisplay } from '../../../drivers/display/rotated-display.js';
import type { Screen, Target } from '../../../ui-framebuffer/screen.js';
import { UiService, type UiOptions } from '../../../ui-framebuffer/ui-service.js';
import { button } from '../../../ui-framebuffer/widgets/button.js';
import { tempDir } from '../../helpers/sim-process.js';

const ctx = { signal: new AbortController().signal, fail: () => undefined };

interface Rig {
  ui: UiService;
  fb: FakeFbdev;
  display: FbdevDisplay;
  bus: EventBus<KioskEvents>;
  clock: ManualClock;
  activated: string[];
  dir: string;
}

const rigs: Rig[] = [];

/** A screen with a header (clock) and two coloured targets: A (left) and B (right). */
function testScreen(activated: string[], showNow = false): Screen {
  return {
    name: 'test',
    render(rc) {
      const area = drawFrame(rc, 'Thử nghiệm');
      if (showNow) {
        // Time-dependent content outside the header: only a full redraw may change it.
        rc.g.fillStyle = '#000000';
        rc.g.fillText(String(rc.now), 10, rc.height - 10);
      }
      const w = area.width / 2 - 10;
      const targets: Target[] = [];
      for (const [i, id] of ['A', 'B'].entries()) {
        const rect = { x: area.x + i * (w + 20), y: area.y + 40, width: w, height: area.height - 80 };
        const t = button(rc, { id, rect, label: `Nút ${id}`, activate: () => void activated.push(id) });
        if (t) targets.push(t);
        // A unique colour block in the middle of B, to find it on the rotated panel.
        if (id === 'B') {
          rc.g.fillStyle = '#00ff00';
          rc.g.fillRect(rect.x + rect.width / 2 - 10, rect.y + rect.height / 2 - 10, 20, 20);
        }
      }
      return targets;
    },
  };
}

async function rig(
  options: Partial<UiOptions> & { rotation?: Rotation } = {},
  start?: number,
  backlight = false,
  showNow = false,
  settings?: ConfigStore,
): Promise<Rig> {
  const dir = tempDir('kiosk-ui-');
  const rotation = options.rotation ?? 0;
  const logical = { width: options.width ?? 800, height: options.height ?? 480 };
  const device =
    rotation === 90 || rotation === 270 ? { width: logical.height, height: logical.width } : logical;
  const fb = new FakeFbdev(dir, { ...device, bitsPerPixel: 16, stride: device.width * 2 + 64, backlight });
  const display = new FbdevDisplay({
    device: fb.device,
    sysfsDir: fb.sysfsDir,
    ...(backlight ? { backlightDir: fb.backlightDir } : {}),
  });
  const bus = new EventBus<KioskEvents>(createLogger('test'));
  const clock = new ManualClock(start);
  const activated: string[] = [];
  // The UI draws upright; the display turns frames and touches to the panel's mounting.
  const panel = new RotatedDisplay(display, { ...logical, rotation }, createLogger('display'));
  const ui = new UiService(
    panel,
    bus,
    new Session(bus),
    clock,
    createLogger('ui'),
    {
      ...logical,
      touchToScreen: (x, y) => panel.toLogical(x, y),
      theme: 'normal',
      idleTimeoutSeconds: 600,
      ...options,
    },
    (_nav, route) => (route === 'home' ? testScreen(activated, showNow) : undefined),
    () => undefined,
    settings,
  );
  await ui.start(ctx);
  const r = { ui, fb, display, bus, clock, activated, dir };
  rigs.push(r);
  return r;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(async () => {
  vi.useRealTimers();
  for (const r of rigs.splice(0)) {
    await r.ui.stop();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

async function pass(r: Rig, ms: number): Promise<void> {
  r.clock.advance(ms);
  vi.advanceTimersByTime(ms);
  await r.ui.settle();
}

describe('UI service: partial redraw', () => {
  it('a clock tick writes only the header rows; an unchanged screen is never rewritten', async () => {
    const r = await rig();
    const fb = r.display.framebuffer!;
    const stride = fb.stride;
    expect(fb.lastWrite).toBe(stride * 480);
    const before = fb.totalWritten;
    // Nothing changes for 50 s: no writes at all.
    await pass(r, 50_000);
    r.ui.refresh();
    await r.ui.settle();
    expect(fb.totalWritten).toBe(before);
    // The minute turns: only the clock's rows (inside the 64 px header bar) are written.
    await pass(r, 10_010);
    expect(fb.totalWritten).toBeGreaterThan(before);
    expect(fb.lastWrite).toBeGreaterThan(0);
    expect(fb.lastWrite).toBeLessThanOrEqual(64 * stride);
  });

  it('moving the focus writes only the rows around the two targets', async () => {
    const r = await rig();
    const fb = r.display.framebuffer!;
    r.bus.emit('input.button', { id: 'down', action: 'press', at: 0 });
    await r.ui.settle();
    expect(r.ui.focusedTarget?.id).toBe('B');
    expect(fb.lastWrite).toBeGreaterThan(0);
    expect(fb.lastWrite).toBeLessThan(480 * fb.stride);
  });
});

describe('UI service: blanking', () => {
  it('blanks after blankAfterSeconds and wakes on a touch without acting on it', async () => {
    const r = await rig({ blankAfterSeconds: 120 });
    await pass(r, 119_000);
    expect(r.fb.blank).toBe('0');
    await pass(r, 1_500);
    expect(r.ui.blanked).toBe(true);
    await vi.waitFor(() => expect(r.fb.blank).toBe('4'));
    // The first touch only wakes the panel.
    r.bus.emit('input.touch', { x: 200, y: 300, phase: 'down', at: 0 });
    r.bus.emit('input.touch', { x: 200, y: 300, phase: 'up', at: 0 });
    await r.ui.settle();
    await vi.waitFor(() => expect(r.fb.blank).toBe('0'));
    expect(r.activated).toEqual([]);
    r.bus.emit('input.touch', { x: 200, y: 300, phase: 'down', at: 0 });
    r.bus.emit('input.touch', { x: 200, y: 300, phase: 'up', at: 0 });
    await r.ui.settle();
    expect(r.activated).toEqual(['A']);
  });

  it('a button press wakes the panel; outside office hours it blanks after 30 s', async () => {
    // 13:00 UTC = 20:00 in Hanoi, after hours 07:00-17:00.
    const r = await rig(
      { awakeHours: '07:00-17:00', timeZone: 'Asia/Ho_Chi_Minh' },
      Date.UTC(2026, 0, 5, 13, 0, 0),
    );
    await pass(r, 31_000);
    expect(r.ui.blanked).toBe(true);
    await vi.waitFor(() => expect(r.fb.blank).toBe('4'));
    r.bus.emit('input.button', { id: 'ok', action: 'press', at: 0 });
    await r.ui.settle();
    await vi.waitFor(() => expect(r.fb.blank).toBe('0'));
    expect(r.activated).toEqual([]);
  });

  it('inside office hours with no blankAfterSeconds it stays on', async () => {
    const r = await rig(
      { awakeHours: '07:00-17:00', timeZone: 'Asia/Ho_Chi_Minh' },
      Date.UTC(2026, 0, 5, 3, 0, 0),
    );
    await pass(r, 600_000);
    expect(r.fb.blank).toBe('0');
  });
});

/** Device pixel centroid of pure green in the RGB565 framebuffer memory. */
function findGreen(r: Rig): { x: number; y: number } {
  const { width, height } = r.fb.options;
  const mem = r.fb.memory();
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mem.readUInt16LE(y * r.fb.stride + x * 2) === 0x07e0) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  expect(n).toBeGreaterThan(300);
  return { x: Math.round(sx / n), y: Math.round(sy / n) };
}

describe('UI service: rotation with touch mapping', () => {
  it.each([0, 90, 180, 270] as const)(
    'at %i° a touch where B appears on the panel activates B',
    async (rotation) => {
      const portrait = rotation === 90 || rotation === 270;
      const r = await rig({ rotation, width: portrait ? 480 : 800, height: portrait ? 800 : 480 });
      expect(await r.display.open()).toMatchObject(
        portrait ? { width: 800, height: 480 } : { width: 800, height: 480 },
      );
      const p = findGreen(r);
      r.bus.emit('input.touch', { ...p, phase: 'down', at: 0 });
      r.bus.emit('input.touch', { ...p, phase: 'up', at: 0 });
      await r.ui.settle();
      expect(r.activated).toEqual(['B']);
      expect(r.ui.focusedTarget?.id).toBe('B');
    },
  );
});

describe('UI service: display failures', () => {
  it('after a failed write the next frame is sent whole', async () => {
    const r = await rig();
    const fb = r.display.framebuffer!;
    const present = vi.spyOn(r.display, 'present').mockRejectedValueOnce(new Error('EIO'));
    r.bus.emit('input.button', { id: 'down', action: 'press', at: 0 });
    await r.ui.settle();
    expect(present).toHaveBeenCalledTimes(1);
    r.bus.emit('input.button', { id: 'up', action: 'press', at: 0 });
    await r.ui.settle();
    expect(fb.lastWrite).toBe(480 * fb.stride);
  });
});

describe('UI service: partial redraw on a panel mounted sideways', () => {
  it('a clock tick at 90° is one write of the panel rows its strip crosses, not one per row', async () => {
    const r = await rig({ rotation: 90, width: 480, height: 800 });
    const fb = r.display.framebuffer!;
    expect(fb.lastWrite).toBe(480 * fb.stride);
    await pass(r, 60_010);
    // The header is a strip at the panel's right edge, crossing every panel row: one span from
    // its first byte to its last (480 writes of its columns before).
    expect(fb.lastWrites).toBe(1);
    expect(fb.lastWrite).toBeGreaterThan(0);
    expect(fb.lastWrite).toBeLessThan(480 * fb.stride);
  });
});

describe('UI service: dimming', () => {
  it('dims the backlight after dimAfterSeconds; input restores it and still acts', async () => {
    const r = await rig({ dimAfterSeconds: 30, dimPercent: 40 }, undefined, true);
    await pass(r, 30_500);
    expect(r.ui.dimmed).toBe(true);
    await vi.waitFor(() => expect(r.fb.brightness).toBe('102'));
    r.bus.emit('input.button', { id: 'down', action: 'press', at: 0 });
    await r.ui.settle();
    await vi.waitFor(() => expect(r.fb.brightness).toBe('255'));
    expect(r.ui.dimmed).toBe(false);
    expect(r.ui.focusedTarget?.id).toBe('B');
  });
});

describe('UI service: theme', () => {
  it('holding HELP no longer switches the theme (HELP stays help and push-to-talk); going home restores the configured one', async () => {
    const r = await rig();
    expect(r.ui.themeName).toBe('normal');
    r.bus.emit('input.button', { id: 'help', action: 'long-press', at: 0 });
    await r.ui.settle();
    expect(r.ui.themeName).toBe('normal');
    r.ui.setTheme('large');
    await r.ui.settle();
    expect(r.ui.themeName).toBe('large');
    const frame = r.ui.logicalFrame()!;
    // The large theme's background is black.
    expect([...frame.data.subarray((470 * 800 + 5) * 4, (470 * 800 + 5) * 4 + 3)]).toEqual([0, 0, 0]);
    r.ui.home();
    await r.ui.settle();
    expect(r.ui.themeName).toBe('normal');
  });
});

describe('UI service: the minute tick repaints only the header', () => {
  it('content elsewhere is not redrawn by a tick, only by a state change', async () => {
    const r = await rig({}, undefined, false, true);
    // What the panel holds (the canvas is drawn whole every time; only the header rows are sent).
    const bottom = (): number[] => {
      const fb = r.display.framebuffer!;
      return [...fb.shadow.subarray(460 * fb.stride, 480 * fb.stride)];
    };
    const before = bottom();
    await pass(r, 60_010);
    const fb = r.display.framebuffer!;
    expect(fb.lastWrite).toBeGreaterThan(0);
    expect(fb.lastWrite).toBeLessThanOrEqual(84 * fb.stride);
    expect(bottom()).toEqual(before);
    r.ui.refresh();
    await r.ui.settle();
    expect(bottom()).not.toEqual(before);
  });
});

describe('UI service: reloaded display settings take effect', () => {
  const display = { theme: 'normal', idleTimeoutSeconds: 600, blankAfterSeconds: 0 } as const;
  const store = () => new ConfigStore(validateConfig({ display }), createLogger('config'));
  const reload = (s: ConfigStore, changes: Record<string, unknown>) =>
    s.apply(validateConfig({ display: { ...display, ...changes } }));
  const away: Screen = { name: 'away', render: () => [] };

  it('a shorter idle timeout ends the running countdown at the new time, counted from the last input', async () => {
    const settings = store();
    const r = await rig(display, undefined, false, false, settings);
    r.ui.go(away);
    await r.ui.settle();
    await pass(r, 5_000);
    await reload(settings, { idleTimeoutSeconds: 20 });
    await pass(r, 14_900);
    expect(r.ui.current?.name).toBe('away');
    await pass(r, 200);
    expect(r.ui.current?.name).toBe('test');
    // The next visit times out after 20 s as well.
    r.ui.go(away);
    await pass(r, 19_900);
    expect(r.ui.current?.name).toBe('away');
    await pass(r, 200);
    expect(r.ui.current?.name).toBe('test');
  });

  it('blanking switched on by a reload blanks at the new time; switched off, the panel stays on', async () => {
    const settings = store();
    const r = await rig(display, undefined, false, false, settings);
    await pass(r, 10_000);
    await reload(settings, { blankAfterSeconds: 30 });
    await pass(r, 19_900);
    expect(r.ui.blanked).toBe(false);
    await pass(r, 200);
    expect(r.ui.blanked).toBe(true);
    await vi.waitFor(() => expect(r.fb.blank).toBe('4'));
    r.bus.emit('input.button', { id: 'ok', action: 'press', at: 0 });
    await r.ui.settle();
    await vi.waitFor(() => expect(r.fb.blank).toBe('0'));
    await reload(settings, { blankAfterSeconds: 0 });
    await pass(r, 3_600_000);
    expect(r.ui.blanked).toBe(false);
  });

  it('a reloaded theme is shown now and is the one going home returns to', async () => {
    const settings = store();
    const r = await rig(display, undefined, false, false, settings);
    await reload(settings, { theme: 'large' });
    expect(r.ui.themeName).toBe('large');
    r.ui.setTheme('normal');
    r.ui.home();
    await r.ui.settle();
    expect(r.ui.themeName).toBe('large');
  });

  it('after stop() a reload changes nothing on the stopped UI', async () => {
    const settings = store();
    const r = await rig(display, undefined, false, false, settings);
    await r.ui.stop();
    await reload(settings, { theme: 'large', blankAfterSeconds: 10 });
    expect(r.ui.themeName).toBe('normal');
    await pass(r, 20_000);
    expect(r.ui.blanked).toBe(false);
  });
});
