import type { Command } from 'commander';
import { composeKiosk } from '../../app/compose.js';
import { installSignalHandlers, startKiosk, stopKiosk } from '../../app/lifecycle.js';
import { releaseTrialChecks, superviseRelease } from '../../app/release-trial.js';
import { createLogger } from '../../runtime/logger.js';
import { applyZeroTouch, DEFAULT_PROVISION_FILE } from '../../technician/provision/zero-touch.js';
import { SdNotifier } from '../../technician/systemd/sd-notify.js';
import { loadConfigOrExit } from '../boot.js';

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
      const provisionLog = createLogger('provision');
      await applyZeroTouch(opts.provisionFile, opts.config, provisionLog).catch((err: unknown) =>
        provisionLog.error(
          { err },
          `zero-touch provisioning failed: ${String(err)}; check that ${opts.config} and its folder are writable by the kiosk user`,
        ),
      );
      const config = await loadConfigOrExit(opts.config, { 'storage.dataDir': opts.dataDir });
      const kiosk = composeKiosk(config, { configFile: opts.config });
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
