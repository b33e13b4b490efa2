import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';

/** Connection settings shared by the kiosk and the fleet CLI. */
export interface BrokerSettings {
  /** mqtt://, mqtts://, ws:// or wss:// URL. */
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  /** PEM file paths: CA to trust, and the client certificate + key for mutual TLS. */
  ca?: string;
  cert?: string;
  key?: string;
  keepaliveSeconds?: number;
  /** 0 = clean session that ends with the connection. */
  sessionExpirySeconds?: number;
  will?: IClientOptions['will'];
  connectTimeoutMs?: number;
  /** MQTT 5 Maximum Packet Size: the broker drops bigger messages for this client instead of sending them. */
  maximumPacketSize?: number;
}

function readPem(field: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new TypeError(`${field}: cannot read ${path} (${(err as Error).message})`, { cause: err });
  }
}

/**
 * MQTT 5 client options: persistent session (clean start false + session expiry) when an
 * expiry is given, TLS files read up front so a wrong path fails with its field name. Automatic
 * reconnect is off: callers reconnect with jittered backoff (see Backoff).
 */
export function mqttOptions(s: BrokerSettings): IClientOptions {
  let url: URL;
  try {
    url = new URL(s.url);
  } catch {
    throw new TypeError(
      `broker: must be a URL like mqtt://host:1883 or mqtts://host:8883, got ${JSON.stringify(s.url)}`,
    );
  }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:', 'tls:'].includes(url.protocol))
    throw new TypeError(`broker: unsupported protocol ${url.protocol} (use mqtt:// or mqtts://)`);
  if ((s.cert && !s.key) || (s.key && !s.cert))
    throw new TypeError('cert/key: mutual TLS needs both the client certificate and its key');
  const expiry = s.sessionExpirySeconds ?? 0;
  const options: IClientOptions = {
    protocolVersion: 5,
    clientId: s.clientId,
    clean: expiry === 0,
    keepalive: s.keepaliveSeconds ?? 30,
    reconnectPeriod: 0,
    connectTimeout: s.connectTimeoutMs ?? 10_000,
    resubscribe: true,
    // mqtt-packet otherwise makes a Buffer for each of the 65,536 packet ids at the first packet
    // and keeps them for the process's life (~6 MiB of JS heap, #16); two bytes written per
    // packet instead cost nothing measurable.
    writeCache: false,
    properties: {
      sessionExpiryInterval: expiry,
      requestResponseInformation: false,
      ...(s.maximumPacketSize ? { maximumPacketSize: s.maximumPacketSize } : {}),
    },
  };
  if (s.username !== undefined) options.username = s.username;
  if (s.password !== undefined) options.password = s.password;
  if (s.ca) options.ca = readPem('ca', s.ca);
  if (s.cert) options.cert = readPem('cert', s.cert);
  if (s.key) options.key = readPem('key', s.key);
  if (s.ca || s.cert) options.rejectUnauthorized = true;
  if (s.will) options.will = s.will;
  return options;
}

/** Exponential backoff with jitter ("equal jitter": half fixed, half random). */
export class Backoff {
  private attempt = 0;
  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const ceiling = Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }
}
