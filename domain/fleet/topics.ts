/**
 * The MQTT topic tree, in one place. Everything lives under a configurable prefix (default
 * `kiosk/v1`); see docs/mqtt.md for payloads, QoS and retain flags.
 */
export interface FleetTopics {
  readonly prefix: string;
  /** Retained presence: online/offline, versions, peripherals. */
  status(deviceId: string): string;
  /** Periodic health samples. */
  telemetry(deviceId: string): string;
  /** Events, one sub-topic per type: `events/ticket-issued`. */
  events(deviceId: string, type?: string): string;
  /** Commands for one device: `cmd/{name}`. */
  deviceCommand(deviceId: string, name: string): string;
  /** Commands for a group of devices. */
  groupCommand(group: string, name: string): string;
  /** Commands for every device. */
  allCommand(name: string): string;
  /** Where command responses go when the request carries no response topic. */
  responses(deviceId: string): string;
  /** Replies to the device's own requests (FleetLink.request). */
  replies(deviceId: string): string;
  /** Retained, signed catalog manifest of a channel. */
  catalogManifest(channel: string): string;
  /** Retained catalog chunk `index` of `version`. */
  catalogChunk(channel: string, version: string, index: number): string;
  catalogChunks(channel: string, version: string): string;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws TypeError unless `value` is safe as one topic level (no wildcards, slashes or `$`). */
export function checkSegment(field: string, value: string): string {
  if (!SEGMENT.test(value))
    throw new TypeError(
      `${field}: must be 1-128 letters, digits, dots, dashes or underscores, got ${JSON.stringify(value)}`,
    );
  return value;
}

export function fleetTopics(prefix: string): FleetTopics {
  const p = prefix.replace(/\/+$/, '');
  if (!p || /[#+]/.test(p) || p.startsWith('$'))
    throw new TypeError(`fleet.prefix: must be a topic without wildcards, got ${JSON.stringify(prefix)}`);
  const dev = (id: string) => `${p}/devices/${checkSegment('device id', id)}`;
  return {
    prefix: p,
    status: (id) => `${dev(id)}/status`,
    telemetry: (id) => `${dev(id)}/telemetry`,
    events: (id, type) =>
      type ? `${dev(id)}/events/${checkSegment('event type', type)}` : `${dev(id)}/events`,
    deviceCommand: (id, name) => `${dev(id)}/cmd/${checkSegment('command', name)}`,
    groupCommand: (group, name) =>
      `${p}/groups/${checkSegment('group', group)}/cmd/${checkSegment('command', name)}`,
    allCommand: (name) => `${p}/all/cmd/${checkSegment('command', name)}`,
    responses: (id) => `${dev(id)}/responses`,
    replies: (id) => `${dev(id)}/replies`,
    catalogManifest: (channel) => `${p}/catalog/${checkSegment('channel', channel)}/manifest`,
    catalogChunk: (channel, version, index) =>
      `${p}/catalog/${checkSegment('channel', channel)}/chunks/${checkSegment('version', version)}/${index}`,
    catalogChunks: (channel, version) =>
      `${p}/catalog/${checkSegment('channel', channel)}/chunks/${checkSegment('version', version)}/+`,
  };
}

/** The command name at the end of a `.../cmd/{name}` topic, or undefined. */
export function commandNameOf(topic: string): string | undefined {
  const m = /\/cmd\/([^/]+)$/.exec(topic);
  return m?.[1];
}

/** Chunk index at the end of a chunk topic, or undefined. */
export function chunkIndexOf(topic: string): number | undefined {
  const m = /\/chunks\/[^/]+\/(\d+)$/.exec(topic);
  return m ? Number(m[1]) : undefined;
}
