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
  /**
   * True when the broker dropped the end marker: the retained burst stopped with no marker, and a
   * second marker came back instead. A QoS 0 message is dropped when the broker's queue for this
   * client is full (Mosquitto: `max_queued_messages`, default 1,000, counts QoS 0 packets not yet
   * written to a client that reads slower than the burst comes); then retained messages were
   * dropped with it, and `complete` is false.
   */
  dropped: boolean;
  ms: number;
}

export const SNAPSHOT_DEFAULTS = { timeoutMs: 10_000, settleMs: 150 } as const;

/** With no marker, this long without a retained message means the broker dropped the marker. */
const MARKER_LOST_MS = 1000;

/**
 * Reads what the broker retains on `filter` without waiting for a silence that never comes on a
 * live fleet. Subscribes at QoS 0 (a broker's per-client queue of QoS 1 messages caps what a QoS 1
 * subscriber sees), tells retained messages from live ones by the MQTT 5 retain flag
 * (retain-as-published off: only the subscription's retained burst carries it), and ends when the
 * burst ended: a marker the client publishes to its own private topic right after the SUBACK
 * comes back after every retained message the broker queued before it, then `settleMs` with no
 * retained message; or at `timeoutMs`, whichever is first. When the marker does not come and no
 * retained message came for a second, the broker dropped it (and retained messages with it: its
 * queue for this client was full): a second marker ends the snapshot, marked `dropped`.
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
  // sent when the first marker is overdue: it comes back after whatever the broker still holds
  const second = `${nonce}-2`;
  const began = Date.now();
  let retained = 0;
  let live = 0;
  let markerSeen = false;
  let dropped = false;
  let settle: NodeJS.Timeout | undefined;
  let overdue: NodeJS.Timeout | undefined;
  let finish: (complete: boolean) => void = () => undefined;
  const finished = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const arm = () => {
    clearTimeout(settle);
    settle = setTimeout(() => finish(!dropped), settleMs);
  };
  // until the marker comes: when the burst stops without it, a second marker goes out; the broker
  // keeps one client's messages in order, so the second coming first means the first was dropped
  // (sent again after each quiet second: a full queue may drop the second marker too)
  let quietSince = began;
  const watch = () => {
    if (markerSeen) return;
    if (Date.now() - quietSince >= MARKER_LOST_MS) {
      quietSince = Date.now();
      client.publish(marker, second, { qos: 0 });
    }
    overdue = setTimeout(watch, MARKER_LOST_MS / 4);
  };
  const listener = (topic: string, payload: Buffer, packet: IPublishPacket): void => {
    if (topic === marker) {
      const text = payload.toString('utf8');
      if ((text !== nonce && text !== second) || markerSeen) return;
      markerSeen = true;
      if (text === second) dropped = true;
      clearTimeout(overdue);
      arm();
      return;
    }
    if (!topicMatches(filter, topic)) return;
    if (packet.retain) {
      retained++;
      if (markerSeen) arm();
      else quietSince = Date.now();
    } else live++;
    onMessage(topic, payload, packet.retain);
  };
  client.on('message', listener);
  const hard = setTimeout(() => finish(false), timeoutMs);
  try {
    await subscribe(client, [marker, filter]);
    client.publish(marker, nonce, { qos: 0 });
    quietSince = Date.now();
    overdue = setTimeout(watch, MARKER_LOST_MS / 4);
    const complete = await finished;
    return { retained, live, complete, dropped, ms: Date.now() - began };
  } finally {
    clearTimeout(hard);
    clearTimeout(settle);
    clearTimeout(overdue);
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
