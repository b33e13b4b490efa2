#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import { requestedWords } from './requested.js';

/**
 * The `kiosk` CLI. Each command lives in bin/commands/<file>.ts and registers itself; only the
 * module of the command being run is loaded (all of them for --help), so start-up stays short.
 */
const COMMANDS: Record<string, { file: string; register: string }> = {
  sim: { file: './commands/sim.js', register: 'registerSimCommand' },
  run: { file: './commands/run.js', register: 'registerRunCommand' },
  config: { file: './commands/config.js', register: 'registerConfigCommands' },
  catalog: { file: './commands/catalog.js', register: 'registerCatalogCommands' },
  assistant: { file: './commands/assistant.js', register: 'registerAssistantCommand' },
  provision: { file: './commands/provision.js', register: 'registerProvisionCommand' },
  doctor: { file: './commands/doctor.js', register: 'registerDoctorCommand' },
  db: { file: './commands/db.js', register: 'registerDbCommands' },
  'print-test': { file: './commands/print-test.js', register: 'registerPrintTestCommand' },
  render: { file: './commands/render.js', register: 'registerRenderCommand' },
  say: { file: './commands/say.js', register: 'registerSayCommand' },
  voice: { file: './commands/voice.js', register: 'registerVoiceCommands' },
  keys: { file: './commands/keys.js', register: 'registerKeysCommand' },
  fleet: { file: './commands/fleet.js', register: 'registerFleetCommand' },
  form: { file: './commands/form.js', register: 'registerFormCommands' },
  fee: { file: './commands/fee.js', register: 'registerFeeCommands' },
  release: { file: './commands/release.js', register: 'registerReleaseCommands' },
};

const program = new Command()
  .name('kiosk')
  .description('smart-kiosk: self-service kiosk runtime for Public Administrative Service Centres')
  .showHelpAfterError();

const requested = requestedWords()[0];
// The commands that keep running favour memory over speed in V8's heap (smaller young generation,
// slower heap growth): a 512 MB board has room for little else. Measured with the lean bench
// (docs/ui.md): idle RSS ~200 → ~150 MiB, the catalog load and input frames unchanged.
if (requested === 'run' || requested === 'sim') setFlagsFromString('--optimize-for-size');
const names = requested && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
for (const name of names) {
  const command = COMMANDS[name] as { file: string; register: string };
  const module = (await import(command.file)) as Record<string, (program: Command) => void | Promise<void>>;
  const register = module[command.register];
  if (!register) throw new TypeError(`${command.file} does not export ${command.register}`);
  await register(program);
}

await program.parseAsync(process.argv);
