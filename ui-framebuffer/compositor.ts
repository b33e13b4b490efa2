import type { Canvas } from '@napi-rs/canvas';
import { canvasLib } from '../runtime/canvas.js';
import type { DisplayDriver, Frame, Rect } from '../drivers/display/types.js';
import type { Clock } from '../runtime/clock.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { FrameStages, KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import { registerFonts } from '../runtime/fonts.js';
import { diffFrames, wholeRegions, updateRegion } from './dirty-rects.js';
import { HEADER_MAX_HEIGHT } from './draw.js';
import type { RenderContext } from './screen.js';
import { cacheTextMeasures } from './text-measure.js';

export interface CompositorOptions {
  /** The upright size drawn (the display turns it to the panel, drivers/display/rotated-display.ts). */
  width: number;
  height: number;
  /** IANA time zone for the header clock (default UTC). */
  timeZone?: string;
  /** True while the clock is known to be wrong: the header clock is not drawn (default: never). */
  clockWrong?: () => boolean;
}

/** What the compositor draws: the current screen with its look. */
export interface Scene {
  /** Theme, language and focus of the next frame; undefined while there is no screen to draw. */
  look(): Pick<RenderContext, 'theme' | 'lang' | 'focusedId'> | undefined;
  /**
   * Draws the screen (and its focus ring) into the frame. `layoutChanged`: its targets are not
   * those of the frame before, so a redraw of regions only (clipped) must be done whole.
   */
  draw(rc: RenderContext): { layoutChanged: boolean } | void;
}

/**
 * Turns the scene into frames on the display: a redraw when something changed (never on a timer
 * except the header clock's minute), only the changed rectangles sent, a frame the panel did not
 * take sent whole next time. The display turns frames to the panel's mounting.
 */
export class Compositor {
  private canvas: Canvas | undefined;
  /** The frame the panel shows (upright RGBA); undefined until one was taken, or after a failed write. */
  private frame: Uint8ClampedArray | undefined;
  private renderQueued = false;
  private rendering: Promise<void> = Promise.resolve();
  private running = false;
  private asleep = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private frameSeq = 0;
  /** What the queued redraw is for: a state change (whole screen), or only these regions. */
  private fullPending = false;
  private regions: Rect[] = [];

  constructor(
    private readonly display: Pick<DisplayDriver, 'open' | 'close' | 'present'>,
    private readonly scene: Scene,
    private readonly bus: EventBus<KioskEvents>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: CompositorOptions,
  ) {}

  /** Opens the display and the drawing surface; redraws are taken from now on. */
  async start(): Promise<void> {
    registerFonts();
    await this.display.open();
    this.canvas = canvasLib().createCanvas(this.options.width, this.options.height);
    // Every frame lays the screen's text out again: the same strings in the same fonts are measured once.
    cacheTextMeasures(this.canvas.getContext('2d'));
    this.running = true;
  }

  /** Stops taking redraws, lets the one under way reach the display, and closes it. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.tickTimer);
    await this.rendering.catch(() => undefined);
    await this.display.close();
  }

  /** Redraws the whole screen (state changed). */
  refresh(): void {
    this.fullPending = true;
    this.schedule();
  }

  /**
   * Redraws only these regions (upright pixels) of the screen: nothing else changed, e.g. the focus
   * moved from one target to another. A whole redraw pending or the first frame covers them.
   */
  redraw(regions: readonly Rect[]): void {
    this.regions.push(...regions);
    this.schedule();
  }

  /** Redraws the header clock band only (the compositor's own timer calls this at each minute). */
  clockTick(): void {
    const headerRows = Math.min(this.options.height, Math.ceil(HEADER_MAX_HEIGHT * this.scale));
    this.redraw([{ x: 0, y: 0, width: this.options.width, height: headerRows }]);
  }

  /** Reference pixels (800×480) → upright pixels. */
  get scale(): number {
    return Math.min(this.options.height / 480, this.options.width / 800);
  }

  /** The panel is dark: no minute ticks until it wakes. */
  sleep(): void {
    this.asleep = true;
    clearTimeout(this.tickTimer);
  }

  /** The panel is lit again: redraw it (the minute ticks resume from that frame). */
  wake(): void {
    this.asleep = false;
    this.refresh();
  }

  /** Waits until every requested redraw has reached the display. */
  async flush(): Promise<void> {
    while (this.renderQueued) await new Promise((r) => setImmediate(r));
    await this.rendering;
  }

  /**
   * The current screen as last drawn (every frame draws it whole), upright (before rotation),
   * RGBA; undefined before start.
   */
  logicalFrame(): Frame | undefined {
    if (!this.canvas) return undefined;
    const data = this.canvas.getContext('2d').getImageData(0, 0, this.canvas.width, this.canvas.height).data;
    return { width: this.canvas.width, height: this.canvas.height, data };
  }

  private schedule(): void {
    if (this.renderQueued || !this.running) return;
    this.renderQueued = true;
    setImmediate(() => {
      this.renderQueued = false;
      this.rendering = this.rendering
        .then(() => this.renderNow())
        .catch((err: unknown) => {
          this.log.error({ err }, 'rendering failed');
        });
    });
  }

  private armTick(): void {
    clearTimeout(this.tickTimer);
    if (!this.running || this.asleep) return;
    const now = this.clock.now();
    this.tickTimer = setTimeout(() => this.clockTick(), 60_000 - (now % 60_000) + 5);
    this.tickTimer.unref();
  }

  private async renderNow(): Promise<void> {
    const look = this.scene.look();
    if (!look || !this.canvas) return;
    const g = this.canvas.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    const { width, height } = this.options;
    const rc: RenderContext = {
      g,
      width,
      height,
      ...look,
      scale: this.scale,
      now: this.clock.now(),
      clockWrong: this.options.clockWrong?.() ?? false,
      timeZone: this.options.timeZone ?? 'UTC',
    };
    // Only regions (a focus move, the minute tick) are read back and sent while the panel holds the
    // frame before; a state change sends whatever changed anywhere on the screen.
    let regions = this.fullPending || !this.frame ? undefined : wholeRegions(this.regions, width, height);
    this.regions = [];
    this.fullPending = false;
    this.armTick();
    if (regions?.length === 0) return;
    const t0 = performance.now();
    // Always drawn whole and unclipped: Skia's antialiasing of a path that crosses a clip differs
    // by a level here and there from the same path drawn unclipped, so a clipped redraw would not
    // give the full frame's bytes. What regions save is the reading back, comparing and sending.
    const drawn = this.scene.draw(rc);
    // The targets moved (state changed without a refresh): the frame is read whole after all.
    if (drawn?.layoutChanged) regions = undefined;
    const stages: FrameStages = { draw: performance.now() - t0, read: 0, diff: 0, present: 0 };
    let pixels: Uint8ClampedArray;
    const dirty: Rect[] = [];
    if (regions && this.frame) {
      // Read, compare and copy just the regions; the rest of the frame is unchanged by definition.
      pixels = this.frame;
      for (const r of regions) {
        const t = performance.now();
        const band = g.getImageData(r.x, r.y, r.width, r.height).data;
        const t2 = performance.now();
        dirty.push(...updateRegion(pixels, width, r, band));
        stages.read += t2 - t;
        stages.diff += performance.now() - t2;
      }
    } else {
      const t = performance.now();
      pixels = g.getImageData(0, 0, width, height).data;
      const t2 = performance.now();
      dirty.push(...diffFrames(this.frame, pixels, width, height));
      stages.read = t2 - t;
      stages.diff = performance.now() - t2;
      regions = undefined;
    }
    if (dirty.length === 0) return;
    const frame: Frame = { width, height, data: pixels };
    const t3 = performance.now();
    try {
      await this.display.present(frame, dirty);
    } catch (err) {
      // The panel did not get this frame: the next one is sent whole.
      this.frame = undefined;
      throw err;
    }
    stages.present = performance.now() - t3;
    this.frame = pixels;
    this.frameSeq++;
    this.bus.emit('ui.frame', {
      seq: this.frameSeq,
      width: frame.width,
      height: frame.height,
      dirtyArea: dirty.reduce((n, r) => n + r.width * r.height, 0),
      redraw: regions ? 'regions' : 'full',
      stages,
    });
  }
}
