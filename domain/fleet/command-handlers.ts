import type { CommandHandlers } from './command-processor.js';
import type { DeviceActions } from './device-actions.js';

/** What the handlers need besides the kiosk's actions. */
export interface HandlerContext {
  actions: DeviceActions;
  /** The status document (same as the retained status topic). */
  status(): Promise<Record<string, unknown>>;
  /** Re-publishes the retained status (after a change the fleet should see). */
  refreshStatus(): void;
  connected(): boolean;
}

/**
 * The commands every kiosk answers (other features add their own, e.g. the catalog updater's
 * `catalog-rollback`); each resolves with its result or throws a readable error.
 */
export function createCommandHandlers(c: HandlerContext): CommandHandlers {
  return {
    ping: async () => ({ pong: true, at: new Date().toISOString() }),
    status: async () => ({
      ...(await c.status()),
      services: c.actions.services(),
      counters: c.actions.counters(),
    }),
    restart: async (args) => {
      const delayMs = ((args.delaySeconds as number | undefined) ?? 1) * 1000;
      c.actions.restart(delayMs);
      return { restartingInMs: delayMs };
    },
    'reload-config': async () => {
      const result = await c.actions.reloadConfig();
      c.refreshStatus();
      return result;
    },
    'set-volume': async (args) => {
      const volume = args.volume as number;
      await c.actions.setVolume(volume);
      c.refreshStatus();
      return { volume };
    },
    announce: async (args) => {
      const text = (args.text as string).normalize('NFC');
      const lang = (args.lang as 'vi' | 'en' | undefined) ?? 'vi';
      void c.actions.announce(text, lang);
      return { spoken: text, lang };
    },
    screenshot: async () => {
      const png = await c.actions.screenshot();
      return { mime: 'image/png', bytes: png.length, pngBase64: png.toString('base64') };
    },
    selftest: async () => {
      const report = await c.actions.selftest();
      return { ok: report.summary.fail === 0, ...report };
    },
  };
}
