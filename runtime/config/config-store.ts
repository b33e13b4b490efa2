import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { HOT_RELOADABLE, type HotPath, type KioskConfig } from './schema.js';

/** What one reload changed. */
export interface ConfigChange {
  /** Hot settings whose value changed; they are in effect when listeners run. */
  applied: HotPath[];
  /** Changed settings (dotted paths) that only a restart applies; the running config keeps the old value. */
  needsRestart: string[];
  /** The running config, with the applied values. */
  config: Readonly<KioskConfig>;
}

/** What `apply()` returns: the change, and the owners whose listener failed to act on it. */
export interface ConfigReport extends ConfigChange {
  failed: { owner: string; error: string }[];
}

export type ConfigListener = (change: ConfigChange) => void | Promise<void>;

/** The part of the store a consumer needs: being told when settings it uses change. */
export interface ConfigChanges {
  /**
   * Calls `listener` after a reload that changed any of `paths` (never for other changes);
   * returns the unsubscribe. A listener that throws or rejects is logged with its owner.
   */
  on(owner: string, paths: readonly HotPath[], listener: ConfigListener): () => void;
}

interface Subscription {
  owner: string;
  paths: readonly HotPath[];
  listener: ConfigListener;
}

/** Every leaf setting as `path → JSON` (lists count as one value). */
function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = JSON.stringify(value);
  return out;
}

function hotPathOf(path: string): HotPath | undefined {
  return HOT_RELOADABLE.find((h) => path === h || path.startsWith(`${h}.`));
}

function setPath(target: object, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  node[last] = value;
}

function getPath(source: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], source);
}

/**
 * The running config and the one way it changes at run time. `current` is the object every
 * service was built with; `apply()` writes the hot settings into it (so readers of the shared
 * object see them) and then tells the subscribers of the changed paths, which act on them
 * (re-arm a timer, switch the theme, set a volume). Settings outside HOT_RELOADABLE are reported
 * as needing a restart and left as they are.
 */
export class ConfigStore implements ConfigChanges {
  private subscriptions: Subscription[] = [];

  constructor(
    readonly current: KioskConfig,
    private readonly log: Logger,
  ) {}

  on(owner: string, paths: readonly HotPath[], listener: ConfigListener): () => void {
    const subscription = { owner, paths, listener };
    this.subscriptions.push(subscription);
    return () => {
      this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
    };
  }

  /** Compares `next` with the running config, applies its hot settings and notifies subscribers. */
  async apply(next: KioskConfig): Promise<ConfigReport> {
    const before = flatten(this.current);
    const after = flatten(next);
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (p) => before[p] !== after[p],
    );
    const applied = [...new Set(changed.map(hotPathOf).filter((h) => h !== undefined))];
    for (const path of applied) setPath(this.current, path, structuredClone(getPath(next, path)));
    const change: ConfigChange = {
      applied,
      needsRestart: changed.filter((p) => hotPathOf(p) === undefined),
      config: this.current,
    };
    const failed: ConfigReport['failed'] = [];
    for (const s of [...this.subscriptions]) {
      if (!s.paths.some((p) => applied.includes(p))) continue;
      try {
        await s.listener(change);
      } catch (err) {
        this.log.error({ err, owner: s.owner, paths: s.paths }, 'applying a config change failed');
        failed.push({ owner: s.owner, error: errorMessage(err) });
      }
    }
    return { ...change, failed };
  }
}
