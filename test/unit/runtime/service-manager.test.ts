import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../runtime/event-bus.js';
import type { Service, ServiceContext } from '../../../runtime/service.js';
import { ServiceManager } from '../../../runtime/service-manager.js';

const silent = pino({ level: 'silent' });

function recorder(
  log: string[],
  name: string,
  dependsOn: string[] = [],
  failStarts = 0,
): Service & { ctx?: ServiceContext } {
  let starts = 0;
  const service: Service & { ctx?: ServiceContext } = {
    name,
    dependsOn,
    async start(ctx) {
      starts++;
      if (starts <= failStarts) throw new Error(`${name} start ${starts} failed`);
      service.ctx = ctx;
      log.push(`start ${name}`);
    },
    async stop() {
      log.push(`stop ${name}`);
    },
  };
  return service;
}

describe('ServiceManager', () => {
  it('starts in dependency order and stops in reverse', async () => {
    const log: string[] = [];
    const m = new ServiceManager(silent);
    m.add(recorder(log, 'ui', ['voice', 'db']));
    m.add(recorder(log, 'voice', ['db']));
    m.add(recorder(log, 'db'));
    await m.startAll();
    await m.stopAll();
    expect(log).toEqual(['start db', 'start voice', 'start ui', 'stop ui', 'stop voice', 'stop db']);
  });

  it('rejects unknown dependencies and cycles', () => {
    const m = new ServiceManager(silent);
    m.add(recorder([], 'a', ['b']));
    expect(() => m.resolveOrder()).toThrow(/unknown service "b"/);
    m.add(recorder([], 'b', ['a']));
    expect(() => m.resolveOrder()).toThrow(/cycle/);
  });

  it('restarts a failing service with backoff while the others keep running', async () => {
    const log: string[] = [];
    const m = new ServiceManager(silent, { initialMs: 10, maxMs: 40 });
    const flaky = recorder(log, 'flaky', [], 2);
    m.add(recorder(log, 'steady'));
    m.add(flaky);
    await m.startAll();
    expect(m.status().find((s) => s.name === 'flaky')?.state).toBe('failed');
    await new Promise((r) => setTimeout(r, 120));
    expect(m.status().map((s) => s.state)).toEqual(['running', 'running']);
    flaky.ctx?.fail(new Error('device vanished'));
    await new Promise((r) => setTimeout(r, 5));
    expect(m.status().find((s) => s.name === 'steady')?.state).toBe('running');
    await new Promise((r) => setTimeout(r, 100));
    expect(m.status().find((s) => s.name === 'flaky')?.state).toBe('running');
    expect(log.filter((l) => l === 'start flaky')).toHaveLength(2);
    await m.stopAll();
  });
});

describe('EventBus', () => {
  it('isolates a throwing listener and removes listeners by owner', () => {
    const bus = new EventBus<{ ping: number }>(silent);
    const seen: number[] = [];
    bus.on('a', 'ping', () => {
      throw new Error('boom');
    });
    bus.on('b', 'ping', (n) => seen.push(n));
    bus.emit('ping', 1);
    bus.offOwner('b');
    bus.emit('ping', 2);
    expect(seen).toEqual([1]);
    expect(bus.listenerCount('ping')).toBe(1);
  });
});
