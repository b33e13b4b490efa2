#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import { requestedWords } from './requested.js';

/**
 * The `kiosk` CLI. Each command lives in bin/commands/<file>.ts and registers itself; only the
 * module of the command being run is loaded (all of them for --help), so start-up stays short.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void | Promise<void>>> = {
  sim: async () => (await import('./commands/sim.js')).registerSimCommand,
  run: async () => (await import('./commands/run.js')).registerRunCommand,
  config: async () => (await import('./commands/config.js')).registerConfigCommands,
  catalog: async () => (await import('./commands/catalog.js')).registerCatalogCommands,
  assistant: async () => (await import('./commands/assistant.js')).registerAssistantCommand,
  provision: async () => (await import('./commands/provision.js')).registerProvisionCommand,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctorCommand,
  db: async () => (await import('./commands/db.js')).registerDbCommands,
  'print-test': async () => (await import('./commands/print-test.js')).registerPrintTestCommand,
  render: async () => (await import('./commands/render.js')).registerRenderCommand,
  say: async () => (await import('./commands/say.js')).registerSayCommand,
  voice: async () => (await import('./commands/voice.js')).registerVoiceCommands,
  keys: async () => (await import('./commands/keys.js')).registerKeysCommand,
  fleet: async () => (await import('./commands/fleet.js')).registerFleetCommand,
  form: async () => (await import('./commands/form.js')).registerFormCommands,
  fee: async () => (await import('./commands/fee.js')).registerFeeCommands,
  release: async () => (await import('./commands/release.js')).registerReleaseCommands,
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
  const register = await (COMMANDS[name] as () => Promise<(program: Command) => void | Promise<void>>)();
  await register(program);
}

await program.parseAsync(process.argv);
