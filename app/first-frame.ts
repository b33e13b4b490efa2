import { createDisplay } from './hardware.js';
import { RotatedDisplay } from '../drivers/display/rotated-display.js';
import type { DisplayDriver } from '../drivers/display/types.js';
import type { KioskEvents } from '../domain/events.js';
import { Session } from '../domain/session.js';
import { HOME_MENU } from '../flows/home-menu.js';
import { systemClock } from '../runtime/clock.js';
import type { KioskConfig } from '../runtime/config/schema.js';
import { EventBus } from '../runtime/event-bus.js';
import { createLogger } from '../runtime/logger.js';
import { createHomeScreen } from '../ui-framebuffer/screens/home.js';
import type { RouteResolver } from '../ui-framebuffer/screen.js';
import { UiService } from '../ui-framebuffer/ui-service.js';

/** The panel showing the home screen while the rest of the kiosk loads. */
export interface FirstFrame {
  /** The panel's driver, open: the kiosk's UI draws on it next (ComposeOptions.display). */
  readonly display: DisplayDriver;
  /** Stops drawing (the panel stays open and keeps the frame until the kiosk's UI draws over it). */
  release(): Promise<void>;
}

/**
 * Draws the home screen on the panel before anything else of the kiosk is loaded (#16): no
 * database, catalog, search index, voice, flows or fleet link, only the display driver, the fonts
 * and the home screen's view with the feature names (flows/home-menu.ts). `kiosk run` then loads
 * and composes the kiosk, whose UI draws the same screen over it and takes input from then on.
 *
 * What this frame cannot know yet it leaves out: the header clock (whether the clock is right is
 * known only against the newest ticket in the database, domain/queue/clock-guard.ts) and the
 * welcome (the voice is not loaded; the kiosk's UI says it when it starts).
 */
export async function showFirstFrame(config: KioskConfig): Promise<FirstFrame> {
  const log = createLogger('ui');
  const panel = createDisplay(config.display);
  const bus = new EventBus<KioskEvents>(createLogger('bus'));
  const routes: RouteResolver = (nav, route) =>
    route === 'home'
      ? createHomeScreen(nav, {
          centre: config.device.centre,
          agency: config.device.agency,
          // Nothing to open yet: there is no input until the kiosk's UI takes over.
          entries: HOME_MENU.map((entry) => ({ ...entry, open: () => undefined })),
          speech: () => '',
        })
      : undefined;
  const ui = new UiService(
    // The kiosk's UI keeps the panel: stopping this one must not close it.
    keepOpen(new RotatedDisplay(panel, config.display, createLogger('display'))),
    bus,
    new Session(bus),
    systemClock,
    log,
    { ...config.display, timeZone: config.device.timeZone, clockWrong: () => true },
    routes,
    () => undefined,
  );
  await ui.start({ signal: new AbortController().signal, fail: () => undefined });
  return { display: panel, release: () => ui.stop() };
}

/** The display with close() doing nothing (the next owner opens it again, which is idempotent). */
function keepOpen(display: DisplayDriver): DisplayDriver {
  const brightness = display.setBrightness?.bind(display);
  return {
    ...(brightness ? { setBrightness: brightness } : {}),
    get kind() {
      return display.kind;
    },
    open: () => display.open(),
    present: (frame, dirty) => display.present(frame, dirty),
    setBlanked: (blanked) => display.setBlanked(blanked),
    close: async () => undefined,
  };
}
