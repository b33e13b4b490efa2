import type { ServerResponse } from 'node:http';
import type { DeviceQuery, RegistryStore } from '../../domain/fleet-registry/registry-store.js';
import { MAX_PAGE } from './device-query.js';
import type { IngestStats } from './registry-ingest.js';
import type { RolloutEngine } from './rollout-engine.js';

const DEVICES_MS = 1000;
const SUMMARY_MS = 2000;
const MAX_CLIENTS = 50;
/** The page a console gets when it names no limit. */
const DEFAULT_PAGE = 100;

interface Client {
  res: ServerResponse;
  view: DeviceQuery;
  /** The page last sent (or fetched by the console itself): devices and total, as JSON. */
  last: string | undefined;
}

/**
 * Server-sent events for the console (`GET /api/events?FILTERS`, the filters and page of
 * `/api/devices`): `page` (the console's page and its total, sent only when a device changed and
 * the page it sees is then different), `summary`, `counts` and `rollouts` every 2 s. Each
 * console gets only its own page, never the fleet's changes: 10,000 kiosks reporting cost a
 * console one page query a second. Consoles with the same view share the query. Nothing is sent
 * while no console listens.
 */
export class RegistryEvents {
  private readonly clients = new Set<Client>();
  private changed = false;
  private timers: NodeJS.Timeout[] = [];
  private busy = false;

  constructor(
    private readonly o: { store: RegistryStore; rollouts: RolloutEngine; stats: () => IngestStats },
  ) {}

  start(): void {
    this.timers = [
      setInterval(() => void this.sendPages(), DEVICES_MS),
      setInterval(() => void this.sendSummary(), SUMMARY_MS),
    ];
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  /** Devices whose status or health was just stored. */
  notify(devices: readonly string[]): void {
    if (this.clients.size > 0 && devices.length > 0) this.changed = true;
  }

  /**
   * Takes over a response as an event stream of `view`'s page (its limit at most MAX_PAGE);
   * false when too many consoles are open. The console fetched the page itself just before, so
   * the first `page` event comes with the first change.
   */
  attach(res: ServerResponse, view: DeviceQuery): boolean {
    if (this.clients.size >= MAX_CLIENTS) return false;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    const client: Client = {
      res,
      view: { ...view, limit: Math.min(view.limit ?? DEFAULT_PAGE, MAX_PAGE) },
      last: undefined,
    };
    this.clients.add(client);
    // what changed between the console's fetch and now is sent at the next tick
    this.changed = true;
    res.on('close', () => this.clients.delete(client));
    return true;
  }

  private send(event: string, data: unknown): void {
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) c.res.write(text);
  }

  private async sendPages(): Promise<void> {
    if (this.clients.size === 0 || !this.changed || this.busy) return;
    this.busy = true;
    this.changed = false;
    try {
      const byView = new Map<string, Client[]>();
      for (const c of this.clients) {
        const key = JSON.stringify(c.view);
        byView.set(key, [...(byView.get(key) ?? []), c]);
      }
      for (const group of byView.values()) {
        const page = await this.o.store.devicesJson((group[0] as Client).view);
        const stale = group.filter((c) => c.last !== page);
        for (const c of stale) c.last = page;
        for (const c of stale) c.res.write(`event: page\ndata: ${page}\n\n`);
      }
    } catch {
      this.changed = true; // the next tick tries again
    } finally {
      this.busy = false;
    }
  }

  private async sendSummary(): Promise<void> {
    if (this.clients.size === 0) return;
    try {
      const store = this.o.store;
      this.send('summary', { ...(await store.summary()), ingest: this.o.stats() });
      this.send('counts', await store.counts());
      const rows = (await store.rollouts()).slice(0, 20);
      this.send('rollouts', { rollouts: await Promise.all(rows.map((r) => this.o.rollouts.report(r))) });
    } catch {
      /* the next tick tries again */
    }
  }
}
