import { DEVICE_PROBLEMS, type DeviceProblem } from '../../domain/fleet/device-problems.js';
import type { DeviceQuery } from '../../domain/fleet-registry/registry-store.js';

/** Most devices one console page asks for. */
export const MAX_PAGE = 500;

/**
 * The device filters of `GET /api/devices` and `GET /api/events` from the query string:
 * `state=online|offline` (or `offline=1`), `group`, `channel`, `version`,
 * `problem=paper|printer|disk|clock|any`, `q` (search), `limit`, `offset`. Returns the
 * query, or the reason it is refused (a 400 answer).
 */
export function parseDeviceQuery(p: URLSearchParams): DeviceQuery | string {
  const problem = p.get('problem') || undefined;
  if (problem !== undefined && problem !== 'any' && !(DEVICE_PROBLEMS as readonly string[]).includes(problem))
    return `problem: one of ${DEVICE_PROBLEMS.join(', ')}, any`;
  const state = p.get('state') || undefined;
  if (state !== undefined && state !== 'online' && state !== 'offline') return 'state: online or offline';
  const limit = p.has('limit') ? Number(p.get('limit')) : undefined;
  const offset = p.has('offset') ? Number(p.get('offset')) : undefined;
  if ([limit, offset].some((n) => n !== undefined && (!Number.isInteger(n) || n < 0)))
    return 'limit, offset: whole numbers';
  const text = (name: string) => {
    const v = p.get(name);
    return v === null || v === '' ? undefined : v.slice(0, 200).normalize('NFC');
  };
  const group = text('group');
  const channel = text('channel');
  const version = text('version');
  const search = text('q')?.trim();
  return {
    offline: p.get('offline') === '1' || state === 'offline',
    ...(state === 'online' ? { online: true } : {}),
    ...(group ? { group } : {}),
    ...(channel ? { channel } : {}),
    ...(version ? { version } : {}),
    ...(problem ? { problem: problem as DeviceProblem | 'any' } : {}),
    ...(search ? { search } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
  };
}
