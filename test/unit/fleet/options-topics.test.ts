import { describe, expect, it } from 'vitest';
import { mqttOptions } from '../../../domain/fleet/mqtt-options.js';
import { chunkIndexOf, commandNameOf, fleetTopics } from '../../../domain/fleet/topics.js';

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
