import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { ConfigError, errorMessage } from '../errors.js';
import { migrateConfig } from './migrate.js';
import { parseConfigText } from './read.js';
import { configSchema, type KioskConfig } from './schema.js';

/** Parsing a config file's text and setting one of its keys need no schema (runtime/config/read.ts). */
export { parseConfigText, setPath } from './read.js';

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  boolean: 'true or false',
  number: 'a number',
  string: 'text',
  object: 'a mapping of settings',
};

/** Turns schema issues into `path: message` lines, one per problem. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(`${formatPath([...issue.path, key])}: unknown setting (check the spelling)`);
      }
    } else if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
      // zod's own wording for plain z.array()/z.boolean(); say it the way the helpers do
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const given = 'input' in issue ? `, got ${JSON.stringify(issue.input) ?? 'nothing'}` : '';
      lines.push(`${formatPath(issue.path)}: must be ${expected}${given}`);
    } else {
      lines.push(`${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  return lines;
}

const NOTICES = new WeakMap<KioskConfig, readonly string[]>();

/** What the file should change (settings that moved: runtime/config/migrate.ts), one line each. */
export function configNotices(config: KioskConfig): readonly string[] {
  return NOTICES.get(config) ?? [];
}

/**
 * Validates an already-parsed object (moving settings an older release kept elsewhere first; it
 * is not modified). Throws ConfigError listing every problem.
 */
export function validateConfig(raw: unknown, file?: string): KioskConfig {
  const mapping = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
  const copy = mapping ? (structuredClone(raw) as Record<string, unknown>) : (raw ?? {});
  const notices = mapping ? migrateConfig(copy as Record<string, unknown>) : [];
  // jitless: a config is parsed once or twice per process, where zod's generated object parsers
  // cost more to compile (~8 ms for this schema) than they save
  const result = configSchema.safeParse(copy, { reportInput: true, jitless: true });
  // a problem with a moved setting is named by its new path; the notice says where it came from
  if (!result.success) throw new ConfigError(file, [...formatIssues(result.error.issues), ...notices]);
  if (notices.length > 0) NOTICES.set(result.data, notices);
  return result.data;
}

/** Where `kiosk provision` writes the config and the systemd unit reads it. */
export const DEFAULT_CONFIG_FILE = '/etc/smart-kiosk/config.yaml';

/** Loads and validates a config file; with no file, returns the defaults (simulator). */
export async function loadConfig(
  file?: string,
  overrides?: (raw: Record<string, unknown>) => void,
): Promise<KioskConfig> {
  let raw: unknown = {};
  if (file) {
    let content: string;
    try {
      content = await readFile(file, 'utf8');
    } catch (err) {
      throw new ConfigError(file, [`(file): cannot be read: ${errorMessage(err)}`]);
    }
    raw = parseConfigText(content, file) ?? {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(file, ['(root): must be a mapping of settings']);
  }
  overrides?.(raw as Record<string, unknown>);
  return validateConfig(raw, file);
}
