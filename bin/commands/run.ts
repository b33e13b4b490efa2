import type { Command } from 'commander';
import { composeKiosk } from '../../runtime/compose.js';
import { installSignalHandlers, startKiosk } from '../../runtime/lifecycle.js';
import { loadConfigOrExit } from '../boot.js';

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run the kiosk on the hardware named in the config (production; used by the systemd unit)')
    .requiredOption('--config <file>', 'config file (JSON or YAML)')
    .option('--data-dir <dir>', 'data directory')
    .action(async (opts: { config: string; dataDir?: string }) => {
      const config = await loadConfigOrExit(opts.config, { 'storage.dataDir': opts.dataDir });
      const kiosk = composeKiosk(config);
      installSignalHandlers(kiosk);
      try {
        await startKiosk(kiosk);
      } catch (err) {
        kiosk.log.fatal(
          { err },
          `kiosk could not start: ${err instanceof Error ? err.message : String(err)}`,
        );
        process.exit(1);
      }
    });
}
