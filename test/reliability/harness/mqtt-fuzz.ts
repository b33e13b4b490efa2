import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { IClientPublishOptions } from 'mqtt';
import { COMMAND_NAMES, type CommandName } from '../../../domain/fleet/command-names.js';
import { publishAsync, sendCommand, signCommand } from '../../../domain/fleet/fleet-client.js';
import { hasUnsafeChars } from '../../../runtime/text/untrusted-text.js';
import { answersBefore } from '../../helpers/fleet.js';
import { topics, type FleetKiosk } from './fleet-kiosk.js';

/** One hostile message for a topic the kiosk subscribes to. */
export interface FuzzCase {
  kind: 'device-cmd' | 'group-cmd' | 'all-cmd' | 'manifest' | 'replies';
  name: string;
  payload: Buffer;
  label: string;
  /** Hostile MQTT 5 properties; without them a command goes as the fleet CLI sends it. */
  props?: HostileProps;
}

/** MQTT 5 publish properties a stranger can set on a request. */
export interface HostileProps {
  label: string;
  /** Replaces the fleet CLI's response topic. */
  responseTopic?: string;
  correlationData?: Buffer;
  userProperties?: Record<string, string | string[]>;
  contentType?: string;
  messageExpiryInterval?: number;
  payloadFormatIndicator?: boolean;
}

/** Hostile properties: wildcard and foreign response topics, huge correlation data, user properties. */
export function propsArb(fk: FleetKiosk): fc.Arbitrary<HostileProps> {
  const responseTopic = fc.oneof(
    fc.constantFrom(
      '#',
      'a/+/b',
      '+',
      '',
      `${topics.prefix}/fleet/+/responses`,
      `${topics.prefix}/fleet/#`,
      topics.status(fk.deviceId),
      topics.events(fk.deviceId, 'ticket-issued'),
      `${topics.prefix}/devices/someone-else/responses`,
      '$SYS/broker/uptime',
    ),
    fc.string({ maxLength: 300 }).filter((t) => !hasUnsafeChars(t)),
  );
  return fc.oneof(
    fc.record({ label: fc.constant('response-topic'), responseTopic }),
    fc.record({
      label: fc.constant('huge-correlation'),
      correlationData: fc.integer({ min: 257, max: 65_000 }).map((n) => Buffer.alloc(n, 0x5a)),
    }),
    fc.record({
      label: fc.constant('user-properties'),
      userProperties: fc.oneof(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 200 }), {
          minKeys: 1, // mqtt-packet writes a broken packet for an empty map (the sender's bug, not the kiosk's)
          maxKeys: 50,
        }),
        fc
          .integer({ min: 1_000, max: 60_000 })
          .map((n) => ({ big: 'x'.repeat(n), list: Array.from({ length: 200 }, (_, i) => `v${i}`) })),
      ),
    }),
    fc.record({
      label: fc.constant('odd-properties'),
      contentType: fc.string({ maxLength: 100 }).filter((t) => !hasUnsafeChars(t)),
      messageExpiryInterval: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      payloadFormatIndicator: fc.boolean(),
    }),
  );
}

const strangerKey = generateKeyPairSync('ed25519').privateKey;

/** Payload generators: random bytes, invalid UTF-8, huge, deep nesting, JSON of any type, wrong fields. */
export function payloadArb(fk: FleetKiosk): fc.Arbitrary<{ label: string; payload: Buffer }> {
  const json = (label: string, arb: fc.Arbitrary<unknown>) =>
    arb.map((v) => ({ label, payload: Buffer.from(JSON.stringify(v) ?? 'null', 'utf8') }));
  const name = fc.constantFrom<CommandName>(...COMMAND_NAMES);
  const anyField = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.jsonValue(),
  );
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => ({ label: 'bytes', payload: Buffer.from(b) })),
    },
    {
      weight: 4,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 256 }).map((b) => ({
        label: 'invalid-utf8',
        payload: Buffer.concat([
          Buffer.from('{"id":"'),
          Buffer.from(b),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from('"}'),
        ]),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(256 * 1024, 1024 * 1024, 3 * 1024 * 1024).chain((size) =>
        fc.constantFrom(
          { label: `huge-${size}`, payload: Buffer.alloc(size, 0x41) },
          {
            label: `huge-json-${size}`,
            payload: Buffer.from(`{"id":"${'a'.repeat(size)}","name":"ping"}`),
          },
          { label: `deep-${size}`, payload: Buffer.from(`${'['.repeat(size / 4)}${']'.repeat(size / 4)}`) },
        ),
      ),
    },
    { weight: 12, arbitrary: json('json-any', fc.jsonValue()) },
    {
      weight: 16,
      arbitrary: json(
        'wrong-fields',
        fc.record(
          {
            id: fc.oneof(fc.uuid(), anyField),
            name: fc.oneof(name, anyField),
            args: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), anyField),
            target: fc.oneof(
              fc.constant({ device: fk.deviceId }),
              fc.record({ group: fc.string() }),
              fc.constant({ all: true }),
              anyField,
            ),
            issuedAt: fc.oneof(fc.constant(Date.now()), anyField),
            expiresAt: fc.oneof(fc.constant(Date.now() + 60_000), anyField),
            keyId: fc.oneof(fc.constant(fk.keys.keyId), anyField),
            signature: fc.oneof(fc.base64String(), anyField),
            extra: anyField,
          },
          { requiredKeys: [] },
        ),
      ),
    },
    {
      weight: 12,
      // properly signed, but by a stranger, expired, not yet valid, for another device, or bad args
      arbitrary: fc
        .record({
          name,
          trouble: fc.constantFrom('stranger', 'expired', 'future', 'other-device', 'bad-args', 'tampered'),
          ttl: fc.integer({ min: 1, max: 3_600_000 }),
        })
        .map(({ name: n, trouble, ttl }) => {
          const now = Date.now();
          const cmd = signCommand({
            name: n,
            args: trouble === 'bad-args' ? { volume: 999, nonsense: true } : {},
            target: { device: trouble === 'other-device' ? 'kiosk-someone-else' : fk.deviceId },
            key: trouble === 'stranger' ? strangerKey : fk.keys.key,
            now: trouble === 'expired' ? now - ttl - 10_000 : trouble === 'future' ? now + 3_600_000 : now,
            ttlMs: ttl,
            id: `fuzz-${randomUUID()}`,
          });
          const doc = trouble === 'tampered' ? { ...cmd, args: { text: 'injected' } } : cmd;
          return { label: `signed-${trouble}`, payload: Buffer.from(JSON.stringify(doc)) };
        }),
    },
  );
}

export function caseArb(fk: FleetKiosk): fc.Arbitrary<FuzzCase> {
  const names = fc.oneof(
    fc.constantFrom<string>(...COMMAND_NAMES),
    fc.constantFrom('rm-rf', 'shell', 'update-firmware'),
  );
  return fc
    .record({
      kind: fc.constantFrom<FuzzCase['kind']>(
        'device-cmd',
        'device-cmd',
        'device-cmd',
        'group-cmd',
        'all-cmd',
        'manifest',
        'replies',
      ),
      name: names,
      p: payloadArb(fk),
      props: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: propsArb(fk) }),
    })
    .map(({ kind, name, p, props }): FuzzCase => {
      const extra = props ? { props } : {};
      // signed commands go where a fleet manager would send them, so the deeper checks are reached
      if (p.label.startsWith('signed-') && kind !== 'manifest') {
        const signedName = String((JSON.parse(p.payload.toString('utf8')) as { name: string }).name);
        return {
          kind: 'device-cmd' as const,
          name: signedName,
          payload: p.payload,
          label: p.label,
          ...extra,
        };
      }
      return { kind, name, payload: p.payload, label: p.label, ...extra };
    });
}

export function topicOf(fk: FleetKiosk, c: FuzzCase): string {
  switch (c.kind) {
    case 'device-cmd':
      return topics.deviceCommand(fk.deviceId, c.name);
    case 'group-cmd':
      return topics.groupCommand('reliability', c.name);
    case 'all-cmd':
      return topics.allCommand(c.name);
    case 'manifest':
      return topics.catalogManifest('stable');
    case 'replies':
      return topics.replies(fk.deviceId);
  }
}

/** Refusals the kiosk answers: the fleet key signed them, so the sender is the fleet. */
const ANSWERED_LABELS = new Set([
  'signed-expired',
  'signed-future',
  'signed-other-device',
  'signed-bad-args',
]);

/** Whether the kiosk must answer `c`: signed by the fleet key, and a usable response route. */
export function expectsAnswer(c: FuzzCase): boolean {
  if (!ANSWERED_LABELS.has(c.label)) return false;
  if (!c.props) return true;
  if (c.props.responseTopic !== undefined) return false;
  if (c.props.correlationData && c.props.correlationData.length > 256) return false;
  return true;
}

export interface FuzzReport {
  cases: number;
  commandCases: number;
  /** Signed-by-the-fleet command cases answered with ok:false, a code and a message. */
  refusedClearly: number;
  /** Command cases that must get no answer (unsigned, forged, unusable response route) and got none. */
  ignored: number;
  /** Command cases the kiosk ran (must be 0). */
  accepted: number;
  /** Command cases that should have been answered and were not. */
  unanswered: number;
  /** Cases with hostile MQTT 5 properties. */
  hostileProperties: number;
  otherCases: number;
  refusalCodes: Record<string, number>;
  labels: Record<string, number>;
  rssStartMb: number;
  rssMaxMb: number;
  rssEndMb: number;
  crashed: boolean;
  ms: number;
}

function publishProperties(p: HostileProps): IClientPublishOptions['properties'] {
  return {
    ...(p.correlationData ? { correlationData: p.correlationData } : {}),
    ...(p.userProperties ? { userProperties: p.userProperties } : {}),
    ...(p.contentType !== undefined ? { contentType: p.contentType } : {}),
    ...(p.messageExpiryInterval !== undefined ? { messageExpiryInterval: p.messageExpiryInterval } : {}),
    ...(p.payloadFormatIndicator !== undefined ? { payloadFormatIndicator: p.payloadFormatIndicator } : {}),
  };
}

/**
 * Publishes `cases` hostile messages (fast-check, seeded) on every topic the kiosk subscribes to,
 * a quarter of them with hostile MQTT 5 properties. Commands go as MQTT 5 requests: one the fleet
 * key signed must come back refused with a code and a reason; anything else (unsigned, forged,
 * a wildcard or foreign response topic, huge correlation data) must get no answer at all, checked
 * with a signed ping sent after it.
 */
export async function runMqttFuzz(fk: FleetKiosk, cases: number, seed: number): Promise<FuzzReport> {
  const t0 = Date.now();
  const pid = fk.kiosk.proc.pid;
  const report: FuzzReport = {
    cases: 0,
    commandCases: 0,
    refusedClearly: 0,
    ignored: 0,
    accepted: 0,
    unanswered: 0,
    hostileProperties: 0,
    otherCases: 0,
    refusalCodes: {},
    labels: {},
    rssStartMb: fk.rssMb(),
    rssMaxMb: 0,
    rssEndMb: 0,
    crashed: false,
    ms: 0,
  };
  const problems: string[] = [];
  const barrier = () => ({
    topic: topics.deviceCommand(fk.deviceId, 'ping'),
    payload: JSON.stringify(signCommand({ name: 'ping', target: { device: fk.deviceId }, key: fk.keys.key })),
  });
  await fc
    .assert(
      fc.asyncProperty(caseArb(fk), async (c) => {
        report.cases++;
        const label = c.props ? `${c.label}+${c.props.label}` : c.label;
        report.labels[label] = (report.labels[label] ?? 0) + 1;
        if (c.props) report.hostileProperties++;
        const topic = topicOf(fk, c);
        if (!fk.mgr.connected) {
          problems.push(`the fuzzing client lost its connection before case ${report.cases} (${label})`);
          return false;
        }
        if (c.kind.endsWith('cmd')) {
          report.commandCases++;
          if (expectsAnswer(c)) {
            const [r, extra] = await sendCommand(fk.mgr, topics, topic, c.payload, {
              timeoutMs: 10_000,
              expect: 1,
              ...(c.props ? { properties: publishProperties(c.props) } : {}),
            });
            if (!r) {
              report.unanswered++;
              problems.push(`no answer to ${label} on ${topic}`);
            } else if (r.ok) {
              report.accepted++;
              problems.push(`kiosk RAN a hostile ${label} command on ${topic}`);
            } else if (r.error?.code && r.error.message) {
              report.refusedClearly++;
              report.refusalCodes[r.error.code] = (report.refusalCodes[r.error.code] ?? 0) + 1;
            } else problems.push(`refusal without code/message for ${label}: ${JSON.stringify(r)}`);
            if (extra) problems.push(`two answers to one command (${label})`);
          } else {
            const responseTopic = topics.fleetResponses(randomUUID());
            const props = c.props ?? { label: 'none' };
            const seen = await answersBefore(
              fk.mgr,
              topics,
              {
                topic,
                payload: c.payload,
                properties: {
                  responseTopic: props.responseTopic ?? responseTopic,
                  correlationData: randomBytes(16),
                  contentType: 'application/json',
                  ...publishProperties(props),
                },
              },
              barrier(),
            );
            if (seen.length === 0) report.ignored++;
            else {
              const answer = seen[0]?.payload ?? '';
              if (/"ok":true/.test(answer)) report.accepted++;
              problems.push(`answered a ${label} request on ${topic}: ${answer.slice(0, 300)}`);
            }
          }
        } else {
          report.otherCases++;
          await publishAsync(fk.mgr, topic, c.payload, {
            qos: 1,
            ...(c.props ? { properties: publishProperties(c.props) } : {}),
          });
        }
        if (report.cases % 100 === 0) report.rssMaxMb = Math.max(report.rssMaxMb, fk.rssMb());
        if (fk.kiosk.proc.exitCode !== null || fk.kiosk.proc.pid !== pid) {
          report.crashed = true;
          return false;
        }
        return problems.length === 0;
      }),
      { numRuns: cases, seed, endOnFailure: true },
    )
    .catch((err: unknown) => {
      problems.push(String(err).slice(0, 2000));
    });
  report.rssEndMb = fk.rssMb();
  report.rssMaxMb = Math.max(report.rssMaxMb, report.rssEndMb);
  report.crashed ||= fk.kiosk.proc.exitCode !== null;
  report.ms = Date.now() - t0;
  if (problems.length > 0) Object.assign(report, { problems: problems.slice(0, 20) });
  return report;
}
