/**
 * Settings that moved, in one place. A config file written for an older release still loads: each
 * old key is moved to its new place before validation, and a notice says what to change in the
 * file (`kiosk config check` prints it, the kiosk logs it at start). A value already set at the
 * new place wins over the old key.
 */
const MOVED: readonly { from: string; to: string; why: string }[] = [
  {
    from: 'audio.volume',
    to: 'voice.volume',
    why: 'the voice service owns the speaker volume (quiet hours, set-volume, maintenance)',
  },
];

type Raw = Record<string, unknown>;

const isMapping = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function parentOf(raw: Raw, keys: readonly string[], create: boolean): Raw | undefined {
  let node = raw;
  for (const key of keys) {
    const next = node[key];
    if (!isMapping(next)) {
      if (!create || next !== undefined) return undefined;
      node[key] = {};
    }
    node = node[key] as Raw;
  }
  return node;
}

/** Moves old keys in `raw` (in place) to their new paths; returns one notice per key moved or dropped. */
export function migrateConfig(raw: Raw): string[] {
  const notices: string[] = [];
  for (const { from, to, why } of MOVED) {
    const fromKeys = from.split('.');
    const fromParent = parentOf(raw, fromKeys.slice(0, -1), false);
    const fromKey = fromKeys.at(-1) as string;
    if (!fromParent || !Object.hasOwn(fromParent, fromKey)) continue;
    const value = fromParent[fromKey];
    const toKeys = to.split('.');
    const toParent = parentOf(raw, toKeys.slice(0, -1), true);
    const toKey = toKeys.at(-1) as string;
    if (!toParent) continue; // the new section is not a mapping: validation names it
    delete fromParent[fromKey];
    if (Object.hasOwn(toParent, toKey)) {
      notices.push(
        `${from}: ignored, ${to} is set (${JSON.stringify(toParent[toKey])}); remove ${from} from the file`,
      );
    } else {
      toParent[toKey] = value;
      notices.push(
        `${from}: now ${to} (${why}); write "${to}: ${JSON.stringify(value)}" in the file instead`,
      );
    }
  }
  return notices;
}

/**
 * The config format this release writes and reads. Raise it (and MIN_CONFIG_VERSION when the old
 * format can no longer be moved by MOVED) when a change needs more than a key move; a release
 * bundle carries its MIN_CONFIG_VERSION and kiosks whose config is older refuse it.
 */
export const CONFIG_VERSION = 1;
/** The oldest config format this release still loads (older keys are moved by MOVED). */
export const MIN_CONFIG_VERSION = 1;
