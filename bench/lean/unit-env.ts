import { readFileSync } from 'node:fs';

/**
 * The environment the systemd unit gives `kiosk run` (its `Environment=` lines, e.g. NODE_OPTIONS,
 * MALLOC_ARENA_MAX), so the lean bench measures the kiosk as it runs on a board, from the one
 * place that sets it. Only the unit's simple `Environment=NAME=value` form is read; a line the
 * bench cannot read is an error, not a silent difference.
 */
export function unitEnvironment(unit = 'deploy/smart-kiosk.service'): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(unit, 'utf8').split('\n')) {
    if (!line.startsWith('Environment=')) continue;
    const m = /^Environment=([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(line.trim());
    if (!m) throw new Error(`${unit}: cannot read "${line}" (expected Environment=NAME=value)`);
    env[m[1] as string] = m[2] as string;
  }
  return env;
}
