import { describe, expect, it } from 'vitest';
import { mqttOptions } from '../../../domain/fleet/mqtt-options.js';
import { pino } from 'pino';
import { FleetRouter } from '../../../domain/fleet/fleet-router.js';
import {
  topicNameProblem,
  chunkIndexOf,
  commandNameOf,
  fleetTopics,
  sharedFilter,
  topicMatches,
} from '../../../domain/fleet/topics.js';

describe('Fleet: MQTT options and topic tree', () => {
  it('uses MQTT 5 with a persistent session when an expiry is given, no automatic reconnect', () => {
    const o = mqttOptions({
      url: 'mqtt://127.0.0.1:1883',
      clientId: 'kiosk-a',
      sessionExpirySeconds: 3600,
      keepaliveSeconds: 20,
    });
    expect(o).toMatchObject({
      protocolVersion: 5,
      clean: false,
      keepalive: 20,
      reconnectPeriod: 0,
      clientId: 'kiosk-a',
    });
    expect(o.properties?.sessionExpiryInterval).toBe(3600);
    expect(mqttOptions({ url: 'mqtt://h', clientId: 'cli' }).clean).toBe(true);
  });

  it('names the setting when the URL or a TLS file is wrong', () => {
    expect(() => mqttOptions({ url: 'not a url', clientId: 'x' })).toThrow(/broker: must be a URL/);
    expect(() => mqttOptions({ url: 'http://h', clientId: 'x' })).toThrow(/unsupported protocol http:/);
    expect(() => mqttOptions({ url: 'mqtts://h', clientId: 'x', ca: '/nonexistent/ca.pem' })).toThrow(
      /^ca: cannot read \/nonexistent\/ca.pem/,
    );
    expect(() => mqttOptions({ url: 'mqtts://h', clientId: 'x', cert: '/tmp/c.pem' })).toThrow(/needs both/);
  });

  it('builds every topic under the prefix and refuses wildcards in ids', () => {
    const t = fleetTopics('kiosk/v1/');
    expect(t.status('xa-01')).toBe('kiosk/v1/devices/xa-01/status');
    expect(t.events('xa-01', 'ticket-issued')).toBe('kiosk/v1/devices/xa-01/events/ticket-issued');
    expect(t.groupCommand('ha-noi', 'ping')).toBe('kiosk/v1/groups/ha-noi/cmd/ping');
    expect(t.allCommand('restart')).toBe('kiosk/v1/all/cmd/restart');
    expect(t.catalogChunk('stable', '2026.11.25-1', 3)).toBe('kiosk/v1/catalog/stable/chunks/2026.11.25-1/3');
    expect(() => t.status('+')).toThrow(/device id: must be/);
    expect(() => t.deviceCommand('a/b', 'ping')).toThrow(TypeError);
    expect(() => fleetTopics('kiosk/#')).toThrow(/fleet.prefix/);
    expect(commandNameOf('kiosk/v1/devices/x/cmd/set-volume')).toBe('set-volume');
    expect(chunkIndexOf('kiosk/v1/catalog/stable/chunks/v/12')).toBe(12);
    expect(chunkIndexOf('kiosk/v1/catalog/stable/manifest')).toBeUndefined();
  });
});

describe('Fleet: what the kiosk may publish to', () => {
  const t = fleetTopics('kiosk/v1');

  it('accepts topic names a broker accepts and names the problem of every other', () => {
    for (const ok of ['a', 'kiosk/v1/devices/x/status', 'Xã Phù Điền/số 1', '😀/x', 'a//b', '/'])
      expect(topicNameProblem(ok), ok).toBeUndefined();
    for (const [bad, why] of [
      ['', /empty/],
      ['#', /wildcards/],
      ['a/+/b', /wildcards/],
      ['a/b#', /wildcards/],
      ['a\u0000b', /control/],
      ['a\u0007b', /control/],
      ['a\u0085b', /control/],
      ['a\ud800b', /surrogate/],
      ['\udc00', /surrogate/],
      ['a\uffffb', /non-characters/],
      ['a\ufdd0', /non-characters/],
      ['x'.repeat(65_536), /65535 bytes/],
      ['đ'.repeat(40_000), /65535 bytes/],
    ] as const)
      expect(topicNameProblem(bad), JSON.stringify(bad.slice(0, 20))).toMatch(why);
    expect(topicNameProblem(42)).toMatch(/string/);
  });

  it("answers only inside the response namespace: the CLI topics and the device's own", () => {
    expect(t.responseTopic('kiosk-a', undefined)).toBe('kiosk/v1/devices/kiosk-a/responses');
    expect(t.responseTopic('kiosk-a', 'kiosk/v1/devices/kiosk-a/responses')).toBe(
      'kiosk/v1/devices/kiosk-a/responses',
    );
    expect(t.responseTopic('kiosk-a', 'kiosk/v1/fleet/4f1c-9a/responses')).toBe(
      'kiosk/v1/fleet/4f1c-9a/responses/kiosk-a',
    );
    expect(t.parseFleetResponse('kiosk/v1/fleet/4f1c-9a/responses/kiosk-a')).toEqual({
      requestId: '4f1c-9a',
      device: 'kiosk-a',
    });
    expect(t.fleetResponse('4f1c-9a', 'kiosk-a')).toBe('kiosk/v1/fleet/4f1c-9a/responses/kiosk-a');
    for (const bad of [
      'kiosk/v1/fleet/4f1c-9a/responses',
      'kiosk/v1/fleet/a/responses/b/c',
      'kiosk/v1/fleet/a/responses/+',
    ])
      expect(t.parseFleetResponse(bad), bad).toBeUndefined();
    for (const bad of [
      '#',
      'a/+/b',
      '',
      'kiosk/v1/fleet/+/responses',
      'kiosk/v1/fleet/#',
      'kiosk/v1/fleet/a/b/responses',
      'kiosk/v1/fleet/a/responses/x',
      'kiosk/v1/devices/kiosk-a/status',
      'kiosk/v1/devices/kiosk-b/responses',
      'other/fleet/a/responses',
      'kiosk/v1/fleet/$x/responses',
    ])
      expect(t.responseTopic('kiosk-a', bad), bad).toBeUndefined();
  });
});

describe('Fleet: topic parsing, filters and routing', () => {
  const t = fleetTopics('kiosk/v1');

  it('parses command, chunk and device topics built by the same module', () => {
    expect(t.parseCommand(t.deviceCommand('xa-01', 'ping'))).toEqual({
      scope: 'device',
      scopeId: 'xa-01',
      name: 'ping',
    });
    expect(t.parseCommand(t.groupCommand('ha-noi', 'restart'))).toEqual({
      scope: 'group',
      scopeId: 'ha-noi',
      name: 'restart',
    });
    expect(t.parseCommand(t.allCommand('status'))).toEqual({ scope: 'all', name: 'status' });
    expect(t.parseCommand('other/v1/all/cmd/status')).toBeUndefined();
    expect(t.parseCatalogChunk(t.catalogChunk('stable', '2026.11.25-1', 7))).toEqual({
      channel: 'stable',
      version: '2026.11.25-1',
      index: 7,
    });
    expect(t.parseDevice(t.events('xa-01', 'ticket-issued'))).toEqual({
      device: 'xa-01',
      rest: 'events/ticket-issued',
    });
    expect(t.filters.commands('xa-01', ['ha-noi'])).toEqual([
      'kiosk/v1/devices/xa-01/cmd/+',
      'kiosk/v1/groups/ha-noi/cmd/+',
      'kiosk/v1/all/cmd/+',
    ]);
    expect(() => t.filters.commands('xa-01', ['bad/group'])).toThrow(/group: must be/);
    expect(t.filters.deviceStreams()).toContain('kiosk/v1/devices/+/events/#');
    expect(sharedFilter('ops', 'kiosk/v1/#')).toBe('$share/ops/kiosk/v1/#');
  });

  it('matches filters the MQTT way', () => {
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+/c', 'a/b/c/d')).toBe(false);
    expect(topicMatches('a/#', 'a')).toBe(true);
    expect(topicMatches('a/#', 'a/b/c')).toBe(true);
    expect(topicMatches('#', '$SYS/x')).toBe(false);
    expect(topicMatches('a/b', 'a/b')).toBe(true);
  });

  it('routes by owner; removing an owner leaves the others', () => {
    const router = new FleetRouter(pino({ level: 'silent' }));
    const a = {};
    const b = {};
    const got: string[] = [];
    router.add(a, ['x/+/cmd', 'x/exact'], (topic) => got.push(`a:${topic}`));
    router.add(b, ['x/exact'], (topic) => got.push(`b:${topic}`));
    router.add(b, ['x/throws'], () => {
      throw new Error('boom');
    });
    const packet = {} as Parameters<FleetRouter['dispatch']>[2];
    router.dispatch('x/1/cmd', Buffer.alloc(0), packet);
    router.dispatch('x/exact', Buffer.alloc(0), packet);
    router.dispatch('x/throws', Buffer.alloc(0), packet);
    expect(got).toEqual(['a:x/1/cmd', 'a:x/exact', 'b:x/exact']);
    expect(router.remove(a, ['x/exact'])).toEqual([]);
    expect(router.remove(b, ['x/exact'])).toEqual(['x/exact']);
    router.removeOwner(a);
    expect(router.filters()).toEqual(['x/throws']);
  });
});
