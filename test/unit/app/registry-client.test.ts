import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openRegistryStore } from '../../../app/fleet-registry/open-store.js';
import { RegistryClient } from '../../../app/fleet-registry/registry-client.js';
import { RegistryEvents } from '../../../app/fleet-registry/registry-events.js';
import { RegistryHttp } from '../../../app/fleet-registry/registry-http.js';
import { RolloutEngine } from '../../../app/fleet-registry/rollout-engine.js';
import type { RegistryStore } from '../../../domain/fleet-registry/registry-store.js';
import { fleetTopics } from '../../../domain/fleet/topics.js';
import { createLogger } from '../../../runtime/logger.js';
import { tempDir } from '../../helpers/sim-process.js';

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

describe('Fleet registry client: the HTTP API from the fleet tools', () => {
  let store: RegistryStore;
  let http: RegistryHttp;
  let url: string;
  const stats = () => ({ received: 0, stored: 0, duplicates: 0, transactions: 0, refused: {} });

  beforeAll(async () => {
    store = await openRegistryStore(join(tempDir('registry-client-'), 'registry.sqlite'));
    await store.addUser('quan-ly', PASSWORD);
    const now = Date.now();
    await store.write({
      statuses: ['k-2', 'k-1'].map((device) => ({
        input: {
          device,
          state: 'online' as const,
          ts: new Date(now).toISOString(),
          doc: { state: 'online', device },
        },
        receivedAt: now,
        live: true,
      })),
      envelopes: [],
    });
    const rollouts = new RolloutEngine({
      store,
      topics: fleetTopics('kiosk/v1'),
      publish: () => Promise.resolve(),
      log: createLogger('test'),
    });
    http = new RegistryHttp({
      store,
      stats,
      rollouts,
      events: new RegistryEvents({ store, rollouts, stats }),
      host: '127.0.0.1',
      port: 0,
    });
    url = await http.start();
  });
  afterAll(async () => {
    await http.stop();
    await store.close();
  });

  it('logs in once for requests sent together (a login is a scrypt hash on the registry)', async () => {
    const checks = vi.spyOn(store, 'checkPassword');
    const client = new RegistryClient({ url, user: 'quan-ly', password: PASSWORD });
    const [summary, list] = await Promise.all([
      client.get<{ devices: Record<string, number> }>('/api/summary'),
      client.get<{ total: number }>('/api/devices'),
      client.get<unknown[]>('/api/statuses'),
    ]);
    expect(summary.devices).toEqual({ online: 2 });
    expect(list.total).toBe(2);
    expect(checks).toHaveBeenCalledTimes(1);
    checks.mockRestore();
  });

  it('pipes a list as the registry wrote it, with its count, and throws an error answer unwritten', async () => {
    const client = new RegistryClient({ url, user: 'quan-ly', password: PASSWORD });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (d: Buffer) => chunks.push(d));
    const headers = await client.pipe('/api/statuses', out);
    expect(headers['x-total-count']).toBe('2');
    const text = Buffer.concat(chunks).toString('utf8');
    // one device a line, in device order, and one JSON document
    expect(
      text
        .split('\n')
        .slice(1, 3)
        .map((l) => (JSON.parse(l.replace(/,$/, '')) as { device: string }).device),
    ).toEqual(['k-1', 'k-2']);
    expect((JSON.parse(text) as unknown[]).length).toBe(2);
    const refused = new PassThrough();
    let written = 0;
    refused.on('data', (d: Buffer) => (written += d.length));
    await expect(client.pipe('/api/statuses?problem=toner', refused)).rejects.toThrow(/problem: one of/);
    expect(written).toBe(0);
  });
});
