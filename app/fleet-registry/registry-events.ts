import type { ServerResponse } from 'node:http';
import type { RegistryStore } from '../../domain/fleet-registry/registry-store.js';
import type { IngestStats } from './registry-ingest.js';
import type { RolloutEngine } from './rollout-engine.js';

/** Devices sent per update at most; the rest go in the next one. */
const MAX_DEVICES_PER_EVENT = 500;
const DEVICES_MS = 1000;
const SUMMARY_MS = 2000;
const MAX_CLIENTS = 50;

/**
 * Server-sent events for the console (`GET /api/events`): `devices` (rows that changed, at most
 * 500 a second), `summary` and `rollouts` every 2 s. Nothing is sent while no console listens.
 */
export class RegistryEvents {
  private readonly clients = new Set<ServerResponse>();
  private readonly changed = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private busy = false;

  constructor(
    private readonly o: { store: RegistryStore; rollouts: RolloutEngine; stats: () => IngestStats },
  ) {}

  start(): void {
    this.timers = [
      setInterval(() => void this.sendDevices(), DEVICES_MS),
      setInterval(() => void this.sendSummary(), SUMMARY_MS),
    ];
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }

  /** Devices whose status or health was just stored. */
  notify(devices: readonly string[]): void {
    if (this.clients.size === 0) return;
    for (const d of devices) this.changed.add(d);
  }

  /** Takes over a response as an event stream; false when too many consoles are open. */
  attach(res: ServerResponse): boolean {
    if (this.clients.size >= MAX_CLIENTS) return false;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    return true;
  }

  private send(event: string, data: unknown): void {
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const c of this.clients) c.write(text);
  }

  private async sendDevices(): Promise<void> {
    if (this.clients.size === 0 || this.changed.size === 0 || this.busy) return;
    this.busy = true;
    try {
      const ids = [...this.changed].slice(0, MAX_DEVICES_PER_EVENT);
      for (const id of ids) this.changed.delete(id);
      const { devices } = await this.o.store.devices({ ids });
      this.send('devices', { devices });
    } catch {
      /* the next tick tries again */
    } finally {
      this.busy = false;
    }
  }

  private async sendSummary(): Promise<void> {
    if (this.clients.size === 0) return;
    try {
      const store = this.o.store;
      this.send('summary', { ...(await store.summary()), ingest: this.o.stats() });
      const rows = (await store.rollouts()).slice(0, 20);
      this.send('rollouts', { rollouts: await Promise.all(rows.map((r) => this.o.rollouts.report(r))) });
    } catch {
      /* the next tick tries again */
    }
  }
}
