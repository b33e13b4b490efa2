#!/usr/bin/env node
/* global process */
// Runs the long reliability suite: `npm run test:soak -- --iterations 1000 --fuzz-cases 10000 ...`.
// Maps the arguments to SOAK_* environment variables and runs vitest with vitest.soak.config.ts.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = {
  '--iterations': ['SOAK_POWER_CUTS', 'power cuts (kill -9 at random instants)', '1000'],
  '--release-cuts': [
    'SOAK_RELEASE_CUTS',
    'kill -9 cuts during an app update (download, unpack, switch, migration)',
    '200',
  ],
  '--fuzz-cases': ['SOAK_FUZZ_CASES', 'MQTT payloads fuzzed on the device topics', '10000'],
  '--storm-clients': ['SOAK_STORM_CLIENTS', 'kiosks reconnecting at once', '200'],
  '--outage-events': ['SOAK_OUTAGE_EVENTS', 'events queued during a broker outage', '2000'],
  '--minutes': ['SOAK_BUDGET_MINUTES', 'time budget of the power-cut run (stops early, reports N)', '0'],
  '--seed': ['SOAK_SEED', 'random seed', '1'],
  '--results': ['SOAK_RESULTS', 'folder for the JSON results', join(tmpdir(), 'smart-kiosk-soak')],
};
const args = process.argv.slice(2);
const env = { ...process.env };
const only = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--help' || arg === '-h') {
    process.stdout.write(
      'npm run test:soak -- [options] [--only power-cut,release-power-cut,mqtt-fuzz,broker-storm]\n',
    );
    for (const [flag, [name, what, def]] of Object.entries(FLAGS))
      process.stdout.write(`  ${flag} <n>  ${what} (${name}, default ${def})\n`);
    process.exit(0);
  }
  if (arg === '--only') {
    only.push(...String(args[++i] ?? '').split(','));
    continue;
  }
  const flag = FLAGS[arg];
  const value = args[i + 1];
  if (!flag || value === undefined) {
    process.stderr.write(`unknown or incomplete option ${arg} (see --help)\n`);
    process.exit(2);
  }
  env[flag[0]] = value;
  i++;
}
for (const [name, , def] of Object.values(FLAGS)) env[name] ??= def;
mkdirSync(env.SOAK_RESULTS, { recursive: true });
const files = only.filter(Boolean).map((name) => `test/reliability/soak/${name}.soak.test.ts`);
const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.soak.config.ts', ...files], {
  stdio: 'inherit',
  env,
});
process.stdout.write(`\nsoak results (JSON): ${env.SOAK_RESULTS}\n`);
process.exit(result.status ?? 1);
