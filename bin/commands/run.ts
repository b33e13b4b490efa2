import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { showFirstFrame, type FirstFrame } from '../../app/first-frame.js';
import { readCheckedConfig } from '../../runtime/config/checked-config.js';
import { errorMessage } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/logger.js';
import { DEFAULT_PROVISION_FILE } from '../../technician/provision/zero-touch-file.js';
import { loadConfigOrExit } from '../boot.js';

/**
 * The rest of the kiosk, loaded once the first frame is on the panel (#16): the composition root
 * (database, catalog, search, voice, flows, fleet link) and what runs beside it.
 */
const kioskModules = () =>
  Promise.all([
    import('../../app/compose.js'),
    import('../../app/lifecycle.js'),
    import('../../app/release-trial.js'),
    import('../../technician/systemd/sd-notify.js'),
  ]);

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the kiosk on the hardware named in the config (production; used by the systemd unit)')
    .requiredOption('--config <file>', 'config file (JSON or YAML)')
    .option('--data-dir <dir>', 'data directory')
    .option(
      '--provision-file <file>',
      'zero-touch provisioning file applied (then removed) before start',
      DEFAULT_PROVISION_FILE,
    )
    .action(async (opts: { config: string; dataDir?: string; provisionFile: string }) => {
      // A zero-touch file is rare (first boot): its module loads only when there is one.
      if (existsSync(opts.provisionFile)) {
        const provisionLog = createLogger('provision');
        const { applyZeroTouch } = await import('../../technician/provision/zero-touch.js');
        await applyZeroTouch(opts.provisionFile, opts.config, provisionLog).catch((err: unknown) =>
          provisionLog.error(
            { err },
            `zero-touch provisioning failed: ${String(err)}; check that ${opts.config} and its folder are writable by the kiosk user`,
          ),
        );
      }
      const overrides = { 'storage.dataDir': opts.dataDir };
      // The config this file validated to last time, if it has not changed: the first frame is
      // drawn from it and the file validated behind that frame; else validated first.
      const checked = await readCheckedConfig(opts.config, overrides);
      let config = checked.config ?? (await loadConfigOrExit(opts.config, overrides));
      // The home screen first, then the kiosk behind it. A panel that cannot be drawn on now is
      // the UI service's to report and retry, as without this step.
      let first: FirstFrame | undefined = await showFirstFrame(config).catch((err: unknown) => {
        createLogger('ui').warn({ err }, `first frame not drawn: ${errorMessage(err)}`);
        return undefined;
      });
      if (checked.config) {
        config = await loadConfigOrExit(opts.config, overrides);
        // a release whose schema fills the panel's settings otherwise: its UI opens the panel anew
        if (JSON.stringify(config.display) !== JSON.stringify(checked.config.display)) {
          await first?.release();
          await first?.display.close();
          first = undefined;
        }
      }
      if (JSON.stringify(config) !== JSON.stringify(checked.config))
        await checked
          .save(config)
          .catch((err: unknown) =>
            createLogger('config').warn(
              { err },
              `checked config not kept (the next start validates before its first frame): ${errorMessage(err)}`,
            ),
          );
      const [{ composeKiosk }, { installSignalHandlers, startKiosk, stopKiosk }, release, { SdNotifier }] =
        await kioskModules();
      const { releaseTrialChecks, superviseRelease } = release;
      const kiosk = composeKiosk(config, {
        configFile: opts.config,
        ...(first ? { display: first.display } : {}),
      });
      await first?.release();
      // Type=notify unit: READY=1 once started, WATCHDOG=1 while the event loop runs.
      const notifier = SdNotifier.fromEnv(process.env, createLogger('systemd'));
      installSignalHandlers(kiosk, async () => notifier?.stopping().catch(() => undefined));
      const trialChecks = releaseTrialChecks(kiosk);
      try {
        await startKiosk(kiosk);
      } catch (err) {
        kiosk.log.fatal(
          { err },
          `kiosk could not start: ${err instanceof Error ? err.message : String(err)}`,
        );
        process.exit(1);
      }
      // A service runs until stopped, even when no device holds the event loop open (mock or
      // absent hardware); SIGTERM/SIGINT end it through the signal handlers.
      setInterval(() => undefined, 1 << 30);
      if (notifier) {
        await notifier.ready(`serving as ${config.device.id}`).catch((err: unknown) => {
          kiosk.log.error({ err }, 'could not tell systemd the kiosk is ready; is systemd-notify installed?');
        });
        notifier.startWatchdog();
      }
      // A release just switched to must prove it works; a failure exits so the guard rolls back.
      void superviseRelease(kiosk, trialChecks).then(
        async (r) => {
          if (r.outcome !== 'failed') return;
          kiosk.log.fatal(`${r.reason}; exiting so the update guard puts the previous release back`);
          await stopKiosk(kiosk).catch(() => undefined);
          process.exit(1);
        },
        (err: unknown) => kiosk.log.error({ err }, `release health check could not run: ${String(err)}`),
      );
    });
}
