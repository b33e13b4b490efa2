import type { ButtonEvent } from '../drivers/buttons/types.js';
import type { DisplayDriver, Frame } from '../drivers/display/types.js';
import type { TouchEvent } from '../drivers/touch/types.js';
import type { Clock } from '../runtime/clock.js';
import type { ConfigChanges } from '../runtime/config/config-store.js';
import type { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import type { Logger } from '../runtime/logger.js';
import type { Service, ServiceContext } from '../runtime/service.js';
import type { Session } from '../domain/session.js';
import { Compositor, type CompositorOptions } from './compositor.js';
import { drawFocus, focusRingRegions } from './draw.js';
import { FocusController } from './focus-controller.js';
import type { Lang } from './localize.js';
import { ScreenNavigator, type NavigatorOptions } from './navigator.js';
import { PowerManager, type PowerOptions } from './power-manager.js';
import type { RouteName } from './routes.js';
import type { Navigator, RenderContext, RouteArgs, RouteResolver, Screen, Target } from './screen.js';

export { withinHours } from './power-manager.js';

export interface UiOptions extends CompositorOptions, NavigatorOptions, PowerOptions {
  /** Maps a touch point (panel pixels) to upright screen coordinates; default: unchanged. */
  touchToScreen?: (x: number, y: number) => { x: number; y: number };
}

/**
 * The UI as a service: wires the navigator (screen stack, language, theme, idle reset), the focus
 * controller (targets and focus), the power manager (dim, blank, wake) and the compositor (frames
 * to the display), and turns buttons, touches and scans into their actions.
 */
export class UiService implements Service, Navigator {
  readonly name = 'ui';
  readonly dependsOn = ['voice'];
  private running = false;
  private unsubscribe: (() => void)[] = [];
  private swallowTouch = false;
  private readonly pending = new Set<Promise<void>>();
  private readonly focus = new FocusController();
  private readonly navigator: ScreenNavigator;
  private readonly power: PowerManager;
  private readonly compositor: Compositor;

  constructor(
    display: DisplayDriver,
    private readonly bus: EventBus<KioskEvents>,
    session: Session,
    clock: Clock,
    private readonly log: Logger,
    private readonly options: UiOptions,
    routes: RouteResolver,
    private readonly speak: (text: string, lang: Lang, key: string) => void,
    /** Reloaded display settings (theme, idle timeout, blanking) take effect when announced here. */
    private readonly settings?: ConfigChanges,
  ) {
    this.compositor = new Compositor(display, this.scene, bus, clock, log, options);
    this.navigator = new ScreenNavigator(routes, session, bus, clock, log, options, {
      entered: () => this.focus.reset(),
      refresh: () => this.compositor.refresh(),
      speak,
    });
    this.power = new PowerManager(display, clock, log, options, {
      blanked: () => this.compositor.sleep(),
      woken: () => this.compositor.wake(),
    });
  }

  async start(_ctx: ServiceContext): Promise<void> {
    if (this.running) return;
    await this.compositor.start();
    this.unsubscribe = [
      this.bus.on('ui', 'input.button', (e) => this.onButton(e)),
      this.bus.on('ui', 'input.touch', (e) => this.onTouch(e)),
      this.bus.on('ui', 'input.scan', () => this.onScan()),
      // The clock found wrong or right again: the header shows or hides the time at once.
      this.bus.on('ui', 'kiosk.condition', (e) => {
        if (e.part === 'clock') this.compositor.refresh();
      }),
    ];
    if (this.settings) {
      this.unsubscribe.push(
        this.settings.on(
          'ui',
          ['display.theme', 'display.idleTimeoutSeconds', 'display.blankAfterSeconds'],
          ({ applied, config }) => this.onSettings(applied, config.display),
        ),
      );
    }
    this.running = true;
    this.navigator.start();
    this.power.start();
    await this.compositor.flush();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.navigator.stop();
    this.power.stop();
    for (const off of this.unsubscribe) off();
    await this.compositor.stop();
  }

  /** Wakes a dimmed or blank panel (a notice that must be seen; input wakes it on its own). */
  wake(): void {
    this.power.wake();
  }

  // ---- Navigator (the screen stack's) ----
  get lang(): Lang {
    return this.navigator.lang;
  }

  setLang(lang: Lang): void {
    this.navigator.setLang(lang);
  }

  open<R extends RouteName>(route: R, ...args: RouteArgs<R>): void {
    this.navigator.open(route, ...args);
  }

  go(screen: Screen): void {
    this.navigator.go(screen);
  }

  replace(screen: Screen): void {
    this.navigator.replace(screen);
  }

  back(): void {
    this.navigator.back();
  }

  home(options?: { keepLook?: boolean }): void {
    this.navigator.home(options);
  }

  refresh(): void {
    this.compositor.refresh();
  }

  /** Repeats the current screen's guidance. */
  repeatSpeech(): void {
    this.navigator.repeatSpeech();
  }

  get themeName(): 'normal' | 'large' {
    return this.navigator.theme.name;
  }

  setTheme(name: 'normal' | 'large'): void {
    this.navigator.setTheme(name);
  }

  // ---- state for the simulator, headless render and push-to-talk ----
  get current(): Screen | undefined {
    return this.navigator.current;
  }

  get focusedTarget(): Target | undefined {
    return this.focus.focused;
  }

  get visibleTargets(): readonly Target[] {
    return this.focus.all;
  }

  /** True while the panel is dark (blanked after idle or outside office hours). */
  get blanked(): boolean {
    return this.power.blanked;
  }

  /** True while the backlight is dimmed for idle. */
  get dimmed(): boolean {
    return this.power.dimmed;
  }

  /** Redraws the header clock band only (the compositor's own timer calls this at each minute). */
  clockTick(): void {
    this.compositor.clockTick();
  }

  /** Waits until every requested redraw has reached the display. */
  flush(): Promise<void> {
    return this.compositor.flush();
  }

  /** Resolves when running actions have finished and the screen shows their result. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    await this.compositor.flush();
  }

  /** The current screen as drawn, upright (before rotation), RGBA; undefined before start. */
  logicalFrame(): Frame | undefined {
    return this.compositor.logicalFrame();
  }

  /** The compositor's view of the UI: the current screen, its look, and its targets with the focus. */
  private readonly scene = {
    look: (): Pick<RenderContext, 'theme' | 'lang' | 'focusedId'> | undefined =>
      this.navigator.current && {
        theme: this.navigator.theme,
        lang: this.navigator.lang,
        focusedId: this.focus.focused?.id,
      },
    draw: (rc: RenderContext): { layoutChanged: boolean } | void => {
      const screen = this.navigator.current;
      if (!screen) return;
      const before = this.focus.all;
      this.focus.setTargets(screen.render(rc));
      const focused = this.focus.focused;
      if (focused) drawFocus(rc, focused.rect);
      return { layoutChanged: !sameLayout(before, this.focus.all) };
    },
  };

  /** Reloaded settings: the countdowns running now end at the new times, counted from their start. */
  private onSettings(
    applied: readonly string[],
    display: Pick<UiOptions, 'theme' | 'idleTimeoutSeconds' | 'blankAfterSeconds'>,
  ): void {
    const { theme, idleTimeoutSeconds, blankAfterSeconds } = display;
    this.navigator.reconfigure({ theme, idleTimeoutSeconds }, applied.includes('display.theme'));
    this.power.reconfigure({ ...this.options, blankAfterSeconds });
  }

  private onButton(event: ButtonEvent): void {
    const screen = this.navigator.current;
    if (!screen || this.power.wake()) return;
    this.navigator.activity();
    const consumed = screen.onButton?.(event);
    if (Array.isArray(consumed)) return this.compositor.redraw(consumed);
    if (consumed) return this.refresh();
    if (event.action === 'repeat' && event.id !== 'up' && event.id !== 'down') return;
    switch (event.id) {
      case 'up':
      case 'down': {
        if (this.focus.all.length === 0) return;
        const from = this.focus.focused;
        const to = this.focus.move(event.id === 'down' ? 1 : -1);
        // Only the ring moved: redraw where it was and where it goes (the frame first, then the voice).
        const { scale } = this.compositor;
        const radius = this.navigator.theme.radius;
        this.compositor.redraw([from, to].flatMap((t) => (t ? focusRingRegions(t.rect, scale, radius) : [])));
        if (to?.label) this.speak(to.label, this.navigator.lang, 'focus');
        return;
      }
      case 'ok':
        return this.activate(this.focus.focused);
      case 'back':
        return this.back();
      case 'help':
        return this.repeatSpeech();
      default:
        return this.activate(this.focus.forButton(event.id));
    }
  }

  private onTouch(event: TouchEvent): void {
    if (event.phase === 'down' && this.power.wake()) {
      this.swallowTouch = true;
      return;
    }
    if (event.phase !== 'up') return;
    if (this.swallowTouch) {
      this.swallowTouch = false;
      return;
    }
    this.navigator.activity();
    const { x, y } = this.options.touchToScreen?.(event.x, event.y) ?? event;
    this.activate(this.focus.focusAt(x, y));
  }

  /** A scan wakes the panel and counts as activity; the scan router (flows/) acts on it. */
  private onScan(): void {
    this.power.wake();
    this.navigator.activity();
  }

  private activate(target: Target | undefined): void {
    if (!target) return;
    const action = Promise.resolve()
      .then(() => target.activate())
      .catch((err: unknown) => {
        this.log.error({ err, target: target.id }, `action ${target.id} failed`);
        // Never a silent failure: the citizen is told, in words and on screen, what to do.
        this.navigator.open('action-failed', { action: target.id, error: err });
      })
      .finally(() => {
        this.pending.delete(action);
        this.refresh();
      });
    this.pending.add(action);
  }
}

/** True when two frames' targets are the same ones in the same places (the screen's layout held). */
function sameLayout(a: readonly Target[], b: readonly Target[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((t, i) => {
    const u = b[i] as Target;
    return (
      t.id === u.id &&
      t.rect.x === u.rect.x &&
      t.rect.y === u.rect.y &&
      t.rect.width === u.rect.width &&
      t.rect.height === u.rect.height
    );
  });
}
