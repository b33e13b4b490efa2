import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { DisplayDriver, Frame, Rect } from '../drivers/display/types.js';
import type { Clock } from '../runtime/clock.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import { registerFonts } from '../runtime/fonts.js';
import { diffFrames } from './dirty-rects.js';
import { HEADER_MAX_HEIGHT } from './draw.js';
import type { RenderContext } from './screen.js';

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
  /** Draws the screen (and its focus ring) into the frame. */
  draw(rc: RenderContext): void;
}

/**
 * Turns the scene into frames on the display: a redraw when something changed (never on a timer
 * except the header clock's minute), only the changed rectangles sent, a frame the panel did not
 * take sent whole next time. The display turns frames to the panel's mounting.
 */
export class Compositor {
  private canvas: Canvas | undefined;
  private previousFrame: Uint8ClampedArray | undefined;
  private renderQueued = false;
  private rendering: Promise<void> = Promise.resolve();
  private running = false;
  private asleep = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private frameSeq = 0;
  /** What the queued redraw is for: a state change (whole screen) or only the minute tick. */
  private fullPending = false;
  private tickPending = false;

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
    this.canvas = createCanvas(this.options.width, this.options.height);
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

  /** Redraws the header clock band only (the compositor's own timer calls this at each minute). */
  clockTick(): void {
    this.tickPending = true;
    this.schedule();
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

  /** The current screen as drawn, upright (before rotation), RGBA; undefined before start. */
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
      scale: Math.min(height / 480, width / 800),
      now: this.clock.now(),
      clockWrong: this.options.clockWrong?.() ?? false,
      timeZone: this.options.timeZone ?? 'UTC',
    };
    // A minute tick with nothing else pending redraws only the header bar (where the clock is).
    const headerOnly = this.tickPending && !this.fullPending && this.previousFrame !== undefined;
    this.tickPending = false;
    this.fullPending = false;
    const headerRows = Math.min(height, Math.ceil(HEADER_MAX_HEIGHT * rc.scale));
    this.armTick();
    if (headerOnly) {
      g.save();
      g.beginPath();
      g.rect(0, 0, width, headerRows);
      g.clip();
    }
    this.scene.draw(rc);
    if (headerOnly) g.restore();
    let pixels: Uint8ClampedArray;
    let dirty: Rect[];
    if (headerOnly && this.previousFrame) {
      // Compare and copy just the header rows; the rest of the frame is unchanged by definition.
      const band = g.getImageData(0, 0, width, headerRows).data;
      pixels = this.previousFrame;
      dirty = diffFrames(pixels.subarray(0, band.length), band, width, headerRows);
      if (dirty.length === 0) return;
      pixels.set(band, 0);
    } else {
      pixels = g.getImageData(0, 0, width, height).data;
      dirty = diffFrames(this.previousFrame, pixels, width, height);
      if (dirty.length === 0) return;
    }
    const frame: Frame = { width, height, data: pixels };
    try {
      await this.display.present(frame, dirty);
    } catch (err) {
      // The panel did not get this frame: the next one is sent whole.
      this.previousFrame = undefined;
      throw err;
    }
    this.previousFrame = pixels;
    this.frameSeq++;
    this.bus.emit('ui.frame', {
      seq: this.frameSeq,
      width: frame.width,
      height: frame.height,
      dirtyArea: dirty.reduce((n, r) => n + r.width * r.height, 0),
    });
  }
}
