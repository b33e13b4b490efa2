import { randomUUID } from 'node:crypto';
import type { IPublishPacket, MqttClient } from 'mqtt';
import { topicMatches, type FleetTopics } from './topics.js';

export interface SnapshotOptions {
  /** Hard limit: the snapshot ends this long after subscribing, complete or not. */
  timeoutMs?: number;
  /**
   * After the end marker, the snapshot still waits until no retained message came for this long
   * (a broker cluster may deliver retained messages from other nodes a little later).
   */
  settleMs?: number;
}

export interface SnapshotResult {
  /** Retained messages received (retain flag set). */
  retained: number;
  /** Live messages received during the snapshot (retain flag clear), newer than the retained ones. */
  live: number;
  /** True when the retained burst ended (marker seen and settled); false when the hard timeout cut it. */
  complete: boolean;
  ms: number;
}

export const SNAPSHOT_DEFAULTS = { timeoutMs: 10_000, settleMs: 150 } as const;

/**
 * Reads what the broker retains on `filter` without waiting for a silence that never comes on a
 * live fleet. Subscribes at QoS 0 (a broker's per-client queue of QoS 1 messages caps what a QoS 1
 * subscriber sees), tells retained messages from live ones by the MQTT 5 retain flag
 * (retain-as-published off: only the subscription's retained burst carries it), and ends when the
 * burst ended: a marker the client publishes to its own private topic right after the SUBACK
 * comes back after every retained message the broker queued before it, then `settleMs` with no
 * retained message; or at `timeoutMs`, whichever is first.
 */
export async function retainedSnapshot(
  client: MqttClient,
  topics: FleetTopics,
  filter: string,
  onMessage: (topic: string, payload: Buffer, retained: boolean) => void,
  options: SnapshotOptions = {},
): Promise<SnapshotResult> {
  const timeoutMs = options.timeoutMs ?? SNAPSHOT_DEFAULTS.timeoutMs;
  const settleMs = options.settleMs ?? SNAPSHOT_DEFAULTS.settleMs;
  const marker = topics.fleetResponses(randomUUID());
  const nonce = randomUUID();
  const began = Date.now();
  let retained = 0;
  let live = 0;
  let markerSeen = false;
  let settle: NodeJS.Timeout | undefined;
  let finish: (complete: boolean) => void = () => undefined;
  const finished = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const arm = () => {
    clearTimeout(settle);
    settle = setTimeout(() => finish(true), settleMs);
  };
  const listener = (topic: string, payload: Buffer, packet: IPublishPacket): void => {
    if (topic === marker) {
      if (payload.toString('utf8') !== nonce || markerSeen) return;
      markerSeen = true;
      arm();
      return;
    }
    if (!topicMatches(filter, topic)) return;
    if (packet.retain) {
      retained++;
      if (markerSeen) arm();
    } else live++;
    onMessage(topic, payload, packet.retain);
  };
  client.on('message', listener);
  const hard = setTimeout(() => finish(false), timeoutMs);
  try {
    await subscribe(client, [marker, filter]);
    client.publish(marker, nonce, { qos: 0 });
    const complete = await finished;
    return { retained, live, complete, ms: Date.now() - began };
  } finally {
    clearTimeout(hard);
    clearTimeout(settle);
    client.removeListener('message', listener);
    client.unsubscribe([marker, filter]);
  }
}

function subscribe(client: MqttClient, filters: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    client.subscribe(filters, { qos: 0, rap: false, rh: 0 }, (err, granted) => {
      if (err) return reject(err);
      const refused = (granted ?? []).filter((g) => g.qos > 2).map((g) => g.topic);
      if (refused.length > 0)
        reject(new Error(`broker refused subscription to ${refused.join(', ')} (ACL?)`));
      else resolve();
    }),
  );
}
