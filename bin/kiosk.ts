#!/usr/bin/env node
import { Command } from 'commander';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerConfigCommands } from './commands/config.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerFleetCommand } from './commands/fleet.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerPrintTestCommand } from './commands/print-test.js';
import { registerProvisionCommand } from './commands/provision.js';
import { registerRenderCommand } from './commands/render.js';
import { registerRunCommand } from './commands/run.js';
import { registerSayCommand } from './commands/say.js';
import { registerSimCommand } from './commands/sim.js';
import { registerVoiceCommands } from './commands/voice.js';

const program = new Command()
  .name('kiosk')
  .description('smart-kiosk: self-service kiosk runtime for Public Administrative Service Centres')
  .showHelpAfterError();

registerSimCommand(program);
registerRunCommand(program);
registerConfigCommands(program);
registerCatalogCommands(program);
registerProvisionCommand(program);
registerDoctorCommand(program);
registerPrintTestCommand(program);
registerRenderCommand(program);
registerSayCommand(program);
registerVoiceCommands(program);
registerKeysCommand(program);
registerFleetCommand(program);

await program.parseAsync(process.argv);
