import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0';
      return (cached = { root: dir, version });
    }
    const up = dirname(dir);
    if (up === dir) return (cached = { root: dir, version: '0.0.0' });
    dir = up;
  }
}

/** The kiosk software version from package.json (found from this file, in sources or dist/). */
export function appVersion(): string {
  return find().version;
}

/** The folder of the running app's package.json (a checkout, or /opt/smart-kiosk/releases/<v>). */
export function appRoot(): string {
  return find().root;
}
