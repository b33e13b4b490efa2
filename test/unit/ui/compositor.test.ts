import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Frame, Rect } from '../../../drivers/display/types.js';
import { ManualClock } from '../../../runtime/clock.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { createLogger } from '../../../runtime/logger.js';
import { Compositor, type Scene } from '../../../ui-framebuffer/compositor.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';

/** A display that keeps what it was sent; `refuseNext` makes one write fail, as a busy panel does. */
function display() {
  const d = {
    presented: [] as { dirty: readonly Rect[]; frame: Frame }[],
    refuseNext: false,
    open: () => Promise.resolve({ width: 400, height: 300, format: 'xrgb8888' as const }),
    close: () => Promise.resolve(),
    present: (frame: Frame, dirty: readonly Rect[]) => {
      if (d.refuseNext) {
        d.refuseNext = false;
        return Promise.reject(new Error('EAGAIN'));
      }
      d.presented.push({ frame: { ...frame, data: frame.data.slice() }, dirty });
      return Promise.resolve();
    },
  };
  return d;
}

/** White with one black square at `square` (changed by the test), plus the time in the header rows. */
function scene() {
  const s = {
    square: { x: 100, y: 200 },
    clockColour: '#000000',
    shown: true,
    look: () =>
      s.shown ? { theme: themeByName('normal'), lang: 'vi' as const, focusedId: undefined } : undefined,
    draw: (rc: Parameters<Scene['draw']>[0]) => {
      rc.g.fillStyle = '#ffffff';
      rc.g.fillRect(0, 0, rc.width, rc.height);
      rc.g.fillStyle = s.clockColour;
      rc.g.fillRect(10, 10, 20, 20); // the "clock", inside the header
      rc.g.fillStyle = '#000000';
      rc.g.fillRect(s.square.x, s.square.y, 30, 30);
    },
  };
  return s;
}

async function rig() {
  const d = display();
  const s = scene();
  const bus = new EventBus<KioskEvents>(createLogger('test'));
  const frames: KioskEvents['ui.frame'][] = [];
  bus.on('test', 'ui.frame', (e) => void frames.push(e));
  const compositor = new Compositor(d, s, bus, new ManualClock(0), createLogger('test'), {
    width: 400,
    height: 300,
  });
  await compositor.start();
  return { compositor, d, s, frames };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('compositor: frame → dirty rectangles → display', () => {
  it('sends the first frame whole, nothing when nothing changed, then only the band that changed', async () => {
    const r = await rig();
    r.compositor.refresh();
    await r.compositor.flush();
    expect(r.d.presented.map((p) => p.dirty)).toEqual([[{ x: 0, y: 0, width: 400, height: 300 }]]);
    r.compositor.refresh();
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(1);
    r.s.square = { x: 100, y: 210 };
    r.compositor.refresh();
    await r.compositor.flush();
    const [dirty] = r.d.presented.slice(1).map((p) => p.dirty);
    expect(dirty).toEqual([{ x: 100, y: 192, width: 30, height: 48 }]);
    expect(r.frames.map((f) => f.seq)).toEqual([1, 2]);
    expect(r.frames[1]?.dirtyArea).toBe(30 * 48);
  });

  it('many refreshes before the next turn make one frame', async () => {
    const r = await rig();
    for (let i = 0; i < 5; i++) r.compositor.refresh();
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(1);
  });

  it('after a write the panel refused, the next frame is sent whole', async () => {
    const r = await rig();
    r.compositor.refresh();
    await r.compositor.flush();
    r.d.refuseNext = true;
    r.s.square = { x: 150, y: 200 };
    r.compositor.refresh();
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(1);
    r.compositor.refresh();
    await r.compositor.flush();
    expect(r.d.presented[1]?.dirty).toEqual([{ x: 0, y: 0, width: 400, height: 300 }]);
  });

  it('a clock tick sends only the header rows, even when the rest of the scene changed meanwhile', async () => {
    const r = await rig();
    r.compositor.refresh();
    await r.compositor.flush();
    r.s.clockColour = '#ff0000';
    r.s.square = { x: 100, y: 250 }; // outside the header: not drawn by a tick
    r.compositor.clockTick();
    await r.compositor.flush();
    expect(r.d.presented[1]?.dirty).toEqual([{ x: 10, y: 0, width: 20, height: 32 }]);
    const shown = r.compositor.logicalFrame();
    expect(shown && Array.from(shown.data.subarray((15 * 400 + 15) * 4, (15 * 400 + 15) * 4 + 3))).toEqual([
      255, 0, 0,
    ]);
  });

  it('ticks at each minute while awake, not while asleep; nothing is drawn without a scene or after stop', async () => {
    const r = await rig();
    r.compositor.refresh();
    await r.compositor.flush();
    r.s.clockColour = '#0000ff';
    vi.advanceTimersByTime(60_005);
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(2);
    r.compositor.sleep();
    r.s.clockColour = '#00ff00';
    vi.advanceTimersByTime(120_000);
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(2);
    r.compositor.wake();
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(3);
    r.s.shown = false;
    r.s.clockColour = '#000000';
    r.compositor.refresh();
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(3);
    r.s.shown = true;
    await r.compositor.stop();
    r.compositor.refresh();
    await r.compositor.flush();
    expect(r.d.presented).toHaveLength(3);
  });
});
