/**
 * The MQTT topic tree, in one place: every topic and subscription filter the kiosk and the fleet
 * CLI use is built (and parsed) here. Everything lives under a configurable prefix (default
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
  /** Where an outbox message goes: its relative topic (`events/x`, `records/y`) under the device. */
  deviceMessage(deviceId: string, subtopic: string): string;
  /**
   * The kiosk's own request topics to its centre (`centre/dossier-status`). Joined, not checked:
   * the suffix and the device id come from config and are validated when published.
   */
  deviceRequest(deviceId: string, suffix: string): string;
  /** Commands for one device: `cmd/{name}`. */
  deviceCommand(deviceId: string, name: string): string;
  /** Commands for a group of devices. */
  groupCommand(group: string, name: string): string;
  /** Commands for every device. */
  allCommand(name: string): string;
  /** Where command responses go when the request carries no response topic. */
  responses(deviceId: string): string;
  /**
   * Response topic a fleet CLI request names (`{prefix}/fleet/{requestId}/responses`); devices
   * answer one level below it, on `fleetResponse(requestId, deviceId)`.
   */
  fleetResponses(requestId: string): string;
  /**
   * Where one device answers one fleet CLI request: `{prefix}/fleet/{requestId}/responses/{deviceId}`.
   * The ACL lets a kiosk write only the level with its own certificate CN, so the topic proves who
   * answered.
   */
  fleetResponse(requestId: string, deviceId: string): string;
  /** Parses a `fleetResponse` topic, or undefined. */
  parseFleetResponse(topic: string): { requestId: string; device: string } | undefined;
  /**
   * Where the device answers a command whose request named `requested` as its MQTT 5 response
   * topic: the device's own responses topic when none was named or the own one was; for a CLI
   * request's `{prefix}/fleet/{requestId}/responses`, the device's level under it
   * (`fleetResponse`); undefined for anything else, which is not answered.
   */
  responseTopic(deviceId: string, requested: string | undefined): string | undefined;
  /** Replies to the device's own requests (FleetLink.request, the last-tickets request). */
  replies(deviceId: string): string;
  /**
   * A recovering kiosk asks the fleet registry for the last ticket numbers it delivered
   * (domain/fleet/last-tickets.ts); the registry answers on `replies(deviceId)` only.
   */
  lastTicketsRequest(deviceId: string): string;
  /** The device whose last-tickets request `topic` is, or undefined for any other topic. */
  parseLastTicketsRequest(topic: string): string | undefined;
  /** Retained, signed catalog manifest of a channel. */
  catalogManifest(channel: string): string;
  /** Retained catalog chunk `index` of `version`. */
  catalogChunk(channel: string, version: string, index: number): string;
  catalogChunks(channel: string, version: string): string;
  /** Retained, signed app release offer of a channel for one architecture. */
  releaseOffer(channel: string, arch: string): string;
  /** Retained chunk `index` of a release bundle. */
  releaseChunk(channel: string, arch: string, version: string, index: number): string;
  /** Subscription filters (with wildcards). */
  readonly filters: {
    /** Every command a device receives: its own, its groups', everyone's. */
    commands(deviceId: string, groups: readonly string[]): string[];
    /** Retained status of every device. */
    allStatus(): string;
    /** Events of every device. */
    allEvents(): string;
    /** One kind of event (`catalog-applied`...) of every device. */
    allEventsOf(type: string): string;
    /** What `kiosk fleet watch` follows: telemetry, events, records and status of one device or all. */
    deviceStreams(deviceId?: string): string[];
    /** Every device's last-tickets requests (the registry answers them). */
    lastTicketsRequests(): string;
  };
  /** Where a command arrived (device, group or all topic), or undefined for any other topic. */
  parseCommand(topic: string): CommandRoute | undefined;
  /** Channel, version and index of a catalog chunk topic, or undefined. */
  parseCatalogChunk(topic: string): { channel: string; version: string; index: number } | undefined;
  /** Channel, arch, version and index of a release chunk topic, or undefined. */
  parseReleaseChunk(
    topic: string,
  ): { channel: string; arch: string; version: string; index: number } | undefined;
  /** Device id and the rest of a `{prefix}/devices/{id}/...` topic, or undefined. */
  parseDevice(topic: string): { device: string; rest: string } | undefined;
}

/** Where a command arrived: which kind of topic and the command name in it. */
export interface CommandRoute {
  scope: 'device' | 'group' | 'all';
  /** The device id or group name in the topic. */
  scopeId?: string;
  name: string;
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

/** True when `value` would pass checkSegment. */
export function isSegment(value: string): boolean {
  return SEGMENT.test(value);
}

/** Longest topic name MQTT can carry: a UTF-8 string with a 16-bit length. */
export const MAX_TOPIC_BYTES = 65_535;

/**
 * Why `topic` is not a topic name a broker accepts in a PUBLISH, or undefined when it is one:
 * 1-65,535 bytes of UTF-8 without wildcards (`+`, `#`), NUL, control characters, surrogates or
 * non-characters (Mosquitto drops the connection of a client that publishes any of them). The
 * kiosk checks every topic before it publishes, because mqtt 5.16 does not.
 */
export function topicNameProblem(topic: unknown): string | undefined {
  if (typeof topic !== 'string') return 'must be a string';
  if (topic.length === 0) return 'must not be empty';
  if (/[+#]/.test(topic)) return 'must not contain the wildcards + or #';
  for (let i = 0; i < topic.length; i++) {
    const code = topic.codePointAt(i) as number;
    if (code > 0xffff) i++;
    else if (code >= 0xd800 && code <= 0xdfff) return 'must be valid UTF-8 (it holds a lone surrogate)';
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return 'must not contain control characters';
    if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe)
      return 'must not contain Unicode non-characters';
  }
  if (Buffer.byteLength(topic, 'utf8') > MAX_TOPIC_BYTES) return `must be at most ${MAX_TOPIC_BYTES} bytes`;
  return undefined;
}

const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, '');

/**
 * `{prefix}/devices/{deviceId}/{suffix}`: where the kiosk's requests to its centre go (dossier
 * status, people ahead). Joined, not checked, so a kiosk with the fleet off and an odd device id
 * still starts; the link validates every topic before it publishes.
 */
export function deviceRequestTopic(prefix: string, deviceId: string, suffix: string): string {
  return `${prefix.replace(/\/+$/, '')}/devices/${deviceId}/${suffix.replace(/^\/+/, '')}`;
}

export function fleetTopics(prefix: string): FleetTopics {
  const p = prefix.replace(/\/+$/, '');
  if (!p || /[#+]/.test(p) || p.startsWith('$'))
    throw new TypeError(`fleet.prefix: must be a topic without wildcards, got ${JSON.stringify(prefix)}`);
  const dev = (id: string) => `${p}/devices/${checkSegment('device id', id)}`;
  const under = (topic: string) => (topic.startsWith(`${p}/`) ? topic.slice(p.length + 1) : undefined);
  const base = (device?: string) => `${p}/devices/${device ? checkSegment('device id', device) : '+'}`;
  return {
    prefix: p,
    status: (id) => `${dev(id)}/status`,
    telemetry: (id) => `${dev(id)}/telemetry`,
    events: (id, type) =>
      type ? `${dev(id)}/events/${checkSegment('event type', type)}` : `${dev(id)}/events`,
    deviceMessage: (id, subtopic) => `${dev(id)}/${trimSlashes(subtopic)}`,
    deviceRequest: (id, suffix) => deviceRequestTopic(p, id, suffix),
    deviceCommand: (id, name) => `${dev(id)}/cmd/${checkSegment('command', name)}`,
    groupCommand: (group, name) =>
      `${p}/groups/${checkSegment('group', group)}/cmd/${checkSegment('command', name)}`,
    allCommand: (name) => `${p}/all/cmd/${checkSegment('command', name)}`,
    responses: (id) => `${dev(id)}/responses`,
    fleetResponses: (requestId) => `${p}/fleet/${checkSegment('request id', requestId)}/responses`,
    responseTopic(id, requested) {
      const own = `${dev(id)}/responses`;
      if (requested === undefined) return own;
      if (requested === own) return own;
      if (topicNameProblem(requested) !== undefined) return undefined;
      const m = /^fleet\/([^/]+)\/responses$/.exec(under(requested) ?? '');
      return m && isSegment(m[1] as string) ? `${requested}/${checkSegment('device id', id)}` : undefined;
    },
    fleetResponse: (requestId, id) =>
      `${p}/fleet/${checkSegment('request id', requestId)}/responses/${checkSegment('device id', id)}`,
    parseFleetResponse(topic) {
      const m = /^fleet\/([^/]+)\/responses\/([^/]+)$/.exec(under(topic) ?? '');
      return m && isSegment(m[1] as string) && isSegment(m[2] as string)
        ? { requestId: m[1] as string, device: m[2] as string }
        : undefined;
    },
    replies: (id) => `${dev(id)}/replies`,
    lastTicketsRequest: (id) => `${dev(id)}/registry/last-tickets`,
    parseLastTicketsRequest(topic) {
      const m = /^devices\/([^/]+)\/registry\/last-tickets$/.exec(under(topic) ?? '');
      return m && isSegment(m[1] as string) ? (m[1] as string) : undefined;
    },
    catalogManifest: (channel) => `${p}/catalog/${checkSegment('channel', channel)}/manifest`,
    catalogChunk: (channel, version, index) =>
      `${p}/catalog/${checkSegment('channel', channel)}/chunks/${checkSegment('version', version)}/${index}`,
    catalogChunks: (channel, version) =>
      `${p}/catalog/${checkSegment('channel', channel)}/chunks/${checkSegment('version', version)}/+`,
    releaseOffer: (channel, arch) =>
      `${p}/release/${checkSegment('channel', channel)}/${checkSegment('arch', arch)}/offer`,
    releaseChunk: (channel, arch, version, index) =>
      `${p}/release/${checkSegment('channel', channel)}/${checkSegment('arch', arch)}/chunks/${checkSegment('version', version)}/${index}`,
    filters: {
      commands: (id, groups) => [
        `${dev(id)}/cmd/+`,
        ...groups.map((g) => `${p}/groups/${checkSegment('group', g)}/cmd/+`),
        `${p}/all/cmd/+`,
      ],
      allStatus: () => `${p}/devices/+/status`,
      allEvents: () => `${p}/devices/+/events/#`,
      allEventsOf: (type) => `${p}/devices/+/events/${checkSegment('event type', type)}`,
      deviceStreams: (device) => {
        const b = base(device);
        return [`${b}/telemetry`, `${b}/events/#`, `${b}/records/#`, `${b}/status`];
      },
      lastTicketsRequests: () => `${p}/devices/+/registry/last-tickets`,
    },
    parseCommand(topic) {
      const m = /^(?:devices\/([^/]+)|groups\/([^/]+)|(all))\/cmd\/([^/]+)$/.exec(under(topic) ?? '');
      if (!m) return undefined;
      const name = m[4] as string;
      if (m[1]) return { scope: 'device', scopeId: m[1], name };
      if (m[2]) return { scope: 'group', scopeId: m[2], name };
      return { scope: 'all', name };
    },
    parseCatalogChunk(topic) {
      const m = /^catalog\/([^/]+)\/chunks\/([^/]+)\/(\d+)$/.exec(under(topic) ?? '');
      if (!m) return undefined;
      return { channel: m[1] as string, version: m[2] as string, index: Number(m[3]) };
    },
    parseReleaseChunk(topic) {
      const m = /^release\/([^/]+)\/([^/]+)\/chunks\/([^/]+)\/(\d+)$/.exec(under(topic) ?? '');
      if (!m) return undefined;
      return { channel: m[1] as string, arch: m[2] as string, version: m[3] as string, index: Number(m[4]) };
    },
    parseDevice(topic) {
      const m = /^devices\/([^/]+)\/(.+)$/.exec(under(topic) ?? '');
      return m ? { device: m[1] as string, rest: m[2] as string } : undefined;
    },
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

/** A shared subscription (`$share/{group}/{filter}`): consumers in a group split the messages. */
export function sharedFilter(group: string, filter: string): string {
  return `$share/${checkSegment('share group', group)}/${filter}`;
}

/** MQTT topic filter matching (`+` one level, `#` the rest); `$` topics never match wildcards at the start. */
export function topicMatches(filter: string, topic: string): boolean {
  if (filter === topic) return true;
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}
