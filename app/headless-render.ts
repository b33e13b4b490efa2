import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from '../drivers/display/types.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { loadConfig, setPath } from '../runtime/config/load.js';
import { composeKiosk, type Kiosk } from './compose.js';
import { startKiosk, stopKiosk } from './lifecycle.js';
import type { Lang } from '../ui-framebuffer/localize.js';
import type { RouteName } from '../ui-framebuffer/routes.js';
import type { Screen } from '../ui-framebuffer/screen.js';
import { deviceSize, type Rotation } from '../drivers/display/rotation.js';
import { ASSISTANT_SAMPLES } from '../flows/assistant.js';
import { previewNames } from '../flows/routes.js';
import { createShowcaseScreen, SHOWCASE_SCENES } from '../ui-framebuffer/widgets/showcase.js';

/** One picture of the docs gallery: a name and how to show it in a theme and language. */
export interface GalleryEntry {
  name: string;
  render(look: { theme: 'normal' | 'large'; lang: Lang }): Promise<RenderedScreen>;
}

type Look = { theme?: 'normal' | 'large'; lang?: Lang };

export interface HeadlessOptions {
  /** The panel's mode as the framebuffer reports it (device pixels). */
  width: number;
  height: number;
  /** How the panel is mounted. */
  rotation: Rotation;
  /** Config file to start from (defaults otherwise). */
  configFile?: string;
  /** Fixed time shown by clocks (epoch ms); default: now. */
  time?: number;
}

export interface RenderedScreen {
  /** The upright image a person sees (logical orientation). */
  upright: Frame;
  /** The bytes' image the panel takes (device orientation). */
  device: Frame;
  /** Target ids in focus order. */
  targets: string[];
}

/** A clock frozen at one instant (sleeps still take real time). */
function fixedClock(at: number): Clock {
  return { now: () => at, sleep: (ms, signal) => systemClock.sleep(ms, signal) };
}

/**
 * A whole kiosk composed on mock drivers with a throw-away data folder, for rendering screens
 * without a panel: `kiosk render`, the docs gallery, screenshot tests and the UI benchmark.
 */
export class HeadlessKiosk {
  private constructor(
    readonly kiosk: Kiosk,
    private readonly dataDir: string,
  ) {}

  static async open(options: HeadlessOptions): Promise<HeadlessKiosk> {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-render-'));
    try {
      const logical = deviceSize(options.width, options.height, options.rotation);
      const overrides: Record<string, unknown> = {
        'storage.dataDir': dataDir,
        'display.driver': 'mock',
        'display.width': logical.width,
        'display.height': logical.height,
        'display.rotation': options.rotation,
        'input.buttons.driver': 'mock',
        'input.touch.driver': 'mock',
        'printer.driver': 'mock',
        'scanner.driver': 'mock',
        'audio.driver': 'mock',
        'voice.enabled': false,
        'fleet.enabled': false,
      };
      const config = await loadConfig(options.configFile, (raw) => {
        for (const [path, value] of Object.entries(overrides)) setPath(raw, path, value);
      });
      const kiosk = composeKiosk(
        config,
        options.time === undefined ? {} : { clock: fixedClock(options.time) },
      );
      await startKiosk(kiosk);
      return new HeadlessKiosk(kiosk, dataDir);
    } catch (err) {
      rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Names of the screens that can be rendered (routes with a preview, flows/routes.ts), sorted. */
  get screenNames(): string[] {
    return previewNames(this.kiosk.routes);
  }

  /**
   * What the docs gallery shows (`kiosk render --gallery`, and the contrast and size test over
   * every frame): every screen with a preview, the assistant in conversation, then the widget
   * showcase.
   */
  gallery(): GalleryEntry[] {
    return [
      ...this.screenNames.map((name) => ({ name, render: (look: Look) => this.render(name, look) })),
      ...ASSISTANT_SAMPLES.map((sample) => ({
        name: `assistant-${sample.name}`,
        render: (look: Look) => this.converse(sample.questions, look),
      })),
      ...SHOWCASE_SCENES.map((scene) => ({
        name: `widgets-${scene}`,
        // Built in the look's language: its dialog and toast are written when it opens.
        render: (look: Look) => {
          this.reset(look);
          return this.show(createShowcaseScreen(this.kiosk.ui, scene), look);
        },
      })),
    ];
  }

  /** Shows `name` (on top of home) in a theme and language and returns what was drawn. */
  async render(
    name: string,
    look: { theme?: 'normal' | 'large'; lang?: Lang } = {},
  ): Promise<RenderedScreen> {
    const preview = this.screenNames.includes(name)
      ? this.kiosk.routes[name as RouteName].preview
      : undefined;
    if (!preview) {
      throw new TypeError(`screen: no screen named "${name}"; registered: ${this.screenNames.join(', ')}`);
    }
    const ui = this.kiosk.ui;
    this.reset(look);
    const screen = name === 'home' ? undefined : preview(ui);
    if (screen) ui.go(screen);
    return this.capture();
  }

  /** The assistant screen after `questions` were asked in turn (as typed), in a theme and language. */
  async converse(questions: readonly string[], look: Look = {}): Promise<RenderedScreen> {
    await this.render('assistant', look);
    const screen = this.kiosk.ui.current;
    for (const question of questions)
      if (!screen?.onText?.(question)) throw new Error('the assistant screen took no question');
    return this.capture();
  }

  /** Shows `screen` (on top of home) in a theme and language and returns what was drawn. */
  async show(
    screen: Screen,
    look: { theme?: 'normal' | 'large'; lang?: Lang } = {},
  ): Promise<RenderedScreen> {
    this.reset(look);
    this.kiosk.ui.go(screen);
    return this.capture();
  }

  private reset(look: { theme?: 'normal' | 'large'; lang?: Lang }): void {
    const ui = this.kiosk.ui;
    ui.home();
    ui.setTheme(look.theme ?? this.kiosk.config.display.theme);
    ui.setLang(look.lang ?? 'vi');
  }

  /** What the UI shows now, once everything pending has been drawn. */
  private async capture(): Promise<RenderedScreen> {
    const ui = this.kiosk.ui;
    await ui.settle();
    const upright = ui.logicalFrame();
    const device = this.kiosk.display.deviceFrame();
    if (!upright || !device) throw new Error('the UI did not draw a frame');
    return { upright, device, targets: ui.visibleTargets.map((t) => t.id) };
  }

  async close(): Promise<void> {
    try {
      await stopKiosk(this.kiosk);
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}
