import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { ButtonEvent } from '../drivers/buttons/types.js';
import type { DisplayDriver } from '../drivers/display/types.js';
import type { TouchEvent } from '../drivers/touch/types.js';
import type { Clock } from '../runtime/clock.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../runtime/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Service, ServiceContext } from '../runtime/service.js';
import type { Session } from '../runtime/session.js';
import { diffFrames } from './dirty-rects.js';
import { drawFocus } from './draw.js';
import { registerFonts } from './fonts.js';
import type { Lang } from './localize.js';
import { applyRotation, deviceSize, toLogical, type Rotation } from './rotation.js';
import type { Navigator, RenderContext, Screen, Target } from './screen.js';
import { themeByName, type Theme } from './theme.js';

export interface UiOptions {
  width: number;
  height: number;
  rotation: Rotation;
  theme: 'normal' | 'large';
  idleTimeoutSeconds: number;
}

/**
 * Draws the current screen to the display whenever something changes (never on a timer), and
 * turns buttons and touches into screen actions. Owns navigation and the idle timeout that
 * clears the citizen's session.
 */
export class UiService implements Service, Navigator {
  readonly name = 'ui';
  readonly dependsOn = ['voice'];
  private canvas: Canvas | undefined;
  private deviceCanvas: Canvas | undefined;
  private stack: Screen[] = [];
  private targets: Target[] = [];
  private focusIndex = 0;
  private previousFrame: Uint8ClampedArray | undefined;
  private renderQueued = false;
  private rendering: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void)[] = [];
  private frameSeq = 0;
  private readonly pending = new Set<Promise<void>>();
  private currentLang: Lang = 'vi';
  private theme: Theme;
  private running = false;

  constructor(
    private readonly display: DisplayDriver,
    private readonly bus: EventBus<KioskEvents>,
    private readonly session: Session,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: UiOptions,
    private readonly homeScreen: (nav: Navigator) => Screen,
    private readonly speak: (text: string, lang: Lang, key: string) => void,
  ) {
    this.theme = themeByName(options.theme);
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    registerFonts();
    const device = deviceSize(this.options.width, this.options.height, this.options.rotation);
    const info = await this.display.open();
    if (info.width !== device.width || info.height !== device.height) {
      this.log.warn(
        { display: info, configured: device },
        `display is ${info.width}x${info.height} but config expects ${device.width}x${device.height}; set display.width/height/rotation to match`,
      );
    }
    this.canvas = createCanvas(this.options.width, this.options.height);
    this.deviceCanvas = this.options.rotation === 0 ? this.canvas : createCanvas(device.width, device.height);
    this.unsubscribe = [
      this.bus.on('ui', 'input.button', (e) => this.onButton(e)),
      this.bus.on('ui', 'input.touch', (e) => this.onTouch(e)),
      this.bus.on('ui', 'input.scan', (e) => this.onScan(e.data)),
    ];
    this.running = true;
    this.stack = [this.homeScreen(this)];
    this.enterCurrent(undefined);
    await this.flush();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.idleTimer);
    for (const off of this.unsubscribe) off();
    await this.rendering.catch(() => undefined);
    await this.display.close();
  }

  // ---- Navigator ----
  get lang(): Lang {
    return this.currentLang;
  }

  setLang(lang: Lang): void {
    this.currentLang = lang;
    this.refresh();
  }

  go(screen: Screen): void {
    const previous = this.current?.name;
    this.stack.push(screen);
    this.enterCurrent(previous);
  }

  replace(screen: Screen): void {
    const previous = this.current;
    previous?.leave?.();
    this.stack[this.stack.length - 1] = screen;
    this.enterCurrent(previous?.name);
  }

  back(): void {
    if (this.stack.length <= 1) return this.home();
    const left = this.stack.pop();
    left?.leave?.();
    this.enterCurrent(left?.name);
  }

  home(): void {
    const previous = this.current?.name;
    while (this.stack.length > 1) this.stack.pop()?.leave?.();
    this.session.clear('home');
    this.currentLang = 'vi';
    this.enterCurrent(previous);
  }

  refresh(): void {
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

  /** Waits until every requested redraw has reached the display. */
  async flush(): Promise<void> {
    while (this.renderQueued) await new Promise((r) => setImmediate(r));
    await this.rendering;
  }

  // ---- state for the simulator ----
  get current(): Screen | undefined {
    return this.stack[this.stack.length - 1];
  }

  get focusedTarget(): Target | undefined {
    return this.targets[this.focusIndex];
  }

  get visibleTargets(): readonly Target[] {
    return this.targets;
  }

  /** Repeats the current screen's guidance. */
  repeatSpeech(): void {
    const screen = this.current;
    const text = screen?.speech?.(this.currentLang);
    if (screen && text) this.speak(text, this.currentLang, `${screen.name}.repeat`);
  }

  private enterCurrent(previous: string | undefined): void {
    const screen = this.current;
    if (!screen) return;
    this.focusIndex = 0;
    this.bus.emit('ui.screen', { screen: screen.name, previous });
    const text = screen.speech?.(this.currentLang);
    if (text) this.speak(text, this.currentLang, screen.name);
    this.armIdle();
    this.refresh();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.stack.length <= 1 && !this.session.active) return;
    this.idleTimer = setTimeout(() => {
      this.log.info({ screen: this.current?.name }, 'idle timeout: clearing session');
      while (this.stack.length > 1) this.stack.pop()?.leave?.();
      this.session.clear('idle');
      this.currentLang = 'vi';
      this.enterCurrent(undefined);
    }, this.options.idleTimeoutSeconds * 1000);
    this.idleTimer.unref();
  }

  private onButton(event: ButtonEvent): void {
    const screen = this.current;
    if (!screen) return;
    this.armIdle();
    if (screen.onButton?.(event)) return this.refresh();
    if (event.action === 'repeat' && event.id !== 'up' && event.id !== 'down') return;
    switch (event.id) {
      case 'up':
      case 'down': {
        if (this.targets.length === 0) return;
        const step = event.id === 'down' ? 1 : -1;
        this.focusIndex = (this.focusIndex + step + this.targets.length) % this.targets.length;
        const label = this.targets[this.focusIndex]?.label;
        if (label) this.speak(label, this.currentLang, 'focus');
        return this.refresh();
      }
      case 'ok':
        return this.activate(this.targets[this.focusIndex]);
      case 'back':
        return this.back();
      case 'help':
        return this.repeatSpeech();
      default: {
        const target = this.targets.find((t) => t.button === event.id);
        if (target) this.activate(target);
      }
    }
  }

  private onTouch(event: TouchEvent): void {
    if (event.phase !== 'up') return;
    this.armIdle();
    const { x, y } = toLogical(
      event.x,
      event.y,
      this.options.width,
      this.options.height,
      this.options.rotation,
    );
    const index = this.targets.findIndex(
      (t) => x >= t.rect.x && x < t.rect.x + t.rect.width && y >= t.rect.y && y < t.rect.y + t.rect.height,
    );
    if (index < 0) return;
    this.focusIndex = index;
    this.activate(this.targets[index]);
  }

  private onScan(data: string): void {
    this.armIdle();
    if (this.current?.onScan?.(data)) this.refresh();
  }

  private activate(target: Target | undefined): void {
    if (!target) return;
    const action = Promise.resolve()
      .then(() => target.activate())
      .catch((err: unknown) => this.log.error({ err, target: target.id }, `action ${target.id} failed`))
      .finally(() => {
        this.pending.delete(action);
        this.refresh();
      });
    this.pending.add(action);
  }

  /** Resolves when running actions have finished and the screen shows their result. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    await this.flush();
  }

  private async renderNow(): Promise<void> {
    const screen = this.current;
    if (!screen || !this.canvas || !this.deviceCanvas) return;
    const g = this.canvas.getContext('2d');
    g.setTransform(1, 0, 0, 1, 0, 0);
    const rc: RenderContext = {
      g,
      width: this.options.width,
      height: this.options.height,
      theme: this.theme,
      lang: this.currentLang,
      scale: Math.min(this.options.height / 480, this.options.width / 800),
      now: this.clock.now(),
    };
    this.targets = screen.render(rc);
    if (this.focusIndex >= this.targets.length) this.focusIndex = 0;
    const focused = this.targets[this.focusIndex];
    if (focused) drawFocus(rc, focused.rect);
    if (this.deviceCanvas !== this.canvas) {
      const dg = this.deviceCanvas.getContext('2d');
      applyRotation(dg, this.options.width, this.options.height, this.options.rotation);
      dg.drawImage(this.canvas, 0, 0);
    }
    const device = this.deviceCanvas;
    const pixels = device.getContext('2d').getImageData(0, 0, device.width, device.height).data;
    const dirty = diffFrames(this.previousFrame, pixels, device.width, device.height);
    if (dirty.length === 0) return;
    this.previousFrame = pixels;
    await this.display.present({ width: device.width, height: device.height, data: pixels }, dirty);
    this.frameSeq++;
    this.bus.emit('ui.frame', {
      seq: this.frameSeq,
      width: device.width,
      height: device.height,
      dirtyArea: dirty.reduce((n, r) => n + r.width * r.height, 0),
    });
  }

  /** The frame on screen now as PNG (device orientation); undefined before the first frame. */
  screenshotPng(): Buffer | undefined {
    return this.previousFrame && this.deviceCanvas ? this.deviceCanvas.toBuffer('image/png') : undefined;
  }

  setTheme(name: 'normal' | 'large'): void {
    this.theme = themeByName(name);
    this.refresh();
  }
}
