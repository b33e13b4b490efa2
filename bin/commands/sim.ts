import type { Command } from 'commander';
import { MockCentre } from '../../app/simulator/mock-centre.js';
import { SimulatorServer } from '../../app/simulator/server.js';
import { systemClock } from '../../runtime/clock.js';
import { composeKiosk } from '../../app/compose.js';
import { installSignalHandlers, startKiosk } from '../../app/lifecycle.js';
import { createLogger } from '../../runtime/logger.js';
import { loadConfigOrExit, parsePort } from '../boot.js';

interface SimOptions {
  port?: number;
  dataDir?: string;
  config?: string;
  broker?: string;
  headless?: boolean;
  deviceId?: string;
  fleetKey?: string;
  tts?: string;
  /** False with --no-centre. */
  centre?: boolean;
}

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description('run the kiosk on mock hardware with a live preview page and a control API')
    .option('--port <n>', 'HTTP port for the preview page and /api (0 = any free port)', parsePort)
    .option('--data-dir <dir>', 'data directory (database, catalog, caches)')
    .option('--config <file>', 'config file (JSON or YAML); defaults work without one')
    .option('--broker <url>', 'connect to this MQTT broker for fleet telemetry and commands')
    .option('--device-id <id>', 'device id (MQTT topics)')
    .option('--fleet-key <file>', 'fleet public key (PEM) trusted for signed commands and catalogs')
    .option('--headless', 'API only, no preview page')
    .option(
      '--no-centre',
      'no built-in mock centre: without --broker, dossier lookups and people-ahead stay offline',
    )
    .option('--tts <engine>', 'speech engine: text (default), espeak (audible on the preview page) or piper')
    .action(async (opts: SimOptions) => {
      const config = await loadConfigOrExit(opts.config, {
        'sim.port': opts.port,
        'storage.dataDir': opts.dataDir,
        'device.id': opts.deviceId,
        'fleet.broker': opts.broker,
        'fleet.enabled': opts.broker ? true : undefined,
        'fleet.fleetPublicKey': opts.fleetKey,
        'voice.tts': opts.tts,
        'display.driver': 'mock',
        'input.buttons.driver': 'mock',
        'input.touch.driver': 'mock',
        'printer.driver': 'mock',
        'scanner.driver': 'mock',
        'audio.driver': 'mock',
      });
      // Without a broker, a built-in centre answers dossier lookups and "people ahead" (docs/simulator-api.md).
      const centre =
        opts.centre !== false && !config.fleet.enabled ? new MockCentre(config, systemClock) : undefined;
      const kiosk = composeKiosk(config, { configFile: opts.config, ...(centre ? { centre } : {}) });
      const sim = new SimulatorServer(
        kiosk,
        { host: config.sim.host, port: config.sim.port, headless: Boolean(opts.headless) },
        createLogger('simulator'),
      );
      kiosk.services.add(sim);
      installSignalHandlers(kiosk);
      try {
        await startKiosk(kiosk);
      } catch (err) {
        kiosk.log.fatal(
          { err },
          `simulator could not start: ${err instanceof Error ? err.message : String(err)}`,
        );
        process.exit(1);
      }
      if (!opts.headless) process.stderr.write(`\n  smart-kiosk simulator: open ${sim.url} in a browser\n\n`);
    });
}
