import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { COMMAND_NAMES, type CommandName } from '../../../domain/fleet/command-schema.js';
import { publishAsync, sendCommand, signCommand } from '../../../domain/fleet/fleet-client.js';
import { topics, type FleetKiosk } from './fleet-kiosk.js';

/** One hostile message for a topic the kiosk subscribes to. */
export interface FuzzCase {
  kind: 'device-cmd' | 'group-cmd' | 'all-cmd' | 'manifest' | 'replies';
  name: string;
  payload: Buffer;
  label: string;
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
    })
    .map(({ kind, name, p }) => {
      // signed commands go where a fleet manager would send them, so the deeper checks are reached
      if (p.label.startsWith('signed-') && kind !== 'manifest') {
        const signedName = String((JSON.parse(p.payload.toString('utf8')) as { name: string }).name);
        return { kind: 'device-cmd' as const, name: signedName, payload: p.payload, label: p.label };
      }
      return { kind, name, payload: p.payload, label: p.label };
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

export interface FuzzReport {
  cases: number;
  commandCases: number;
  /** Command cases answered with ok:false, a code and a message. */
  refusedClearly: number;
  /** Command cases the kiosk ran (must be 0). */
  accepted: number;
  /** Command cases with no answer within the timeout. */
  unanswered: number;
  otherCases: number;
  refusalCodes: Record<string, number>;
  labels: Record<string, number>;
  rssStartMb: number;
  rssMaxMb: number;
  rssEndMb: number;
  crashed: boolean;
  ms: number;
}

/**
 * Publishes `cases` hostile messages (fast-check, seeded) on every topic the kiosk subscribes to.
 * Commands are sent as MQTT 5 requests and each must come back refused with a code and a reason.
 */
export async function runMqttFuzz(fk: FleetKiosk, cases: number, seed: number): Promise<FuzzReport> {
  const t0 = Date.now();
  const pid = fk.kiosk.proc.pid;
  const report: FuzzReport = {
    cases: 0,
    commandCases: 0,
    refusedClearly: 0,
    accepted: 0,
    unanswered: 0,
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
  await fc
    .assert(
      fc.asyncProperty(caseArb(fk), async (c) => {
        report.cases++;
        report.labels[c.label] = (report.labels[c.label] ?? 0) + 1;
        const topic = topicOf(fk, c);
        if (c.kind.endsWith('cmd')) {
          report.commandCases++;
          const [r, extra] = await sendCommand(fk.mgr, topics, topic, c.payload, {
            timeoutMs: 10_000,
            expect: 1,
          });
          if (!r) {
            report.unanswered++;
            problems.push(`no answer to ${c.label} on ${topic}`);
          } else if (r.ok) {
            report.accepted++;
            problems.push(`kiosk RAN a hostile ${c.label} command on ${topic}`);
          } else if (r.error?.code && r.error.message) {
            report.refusedClearly++;
            report.refusalCodes[r.error.code] = (report.refusalCodes[r.error.code] ?? 0) + 1;
          } else problems.push(`refusal without code/message for ${c.label}: ${JSON.stringify(r)}`);
          if (extra) problems.push(`two answers to one command (${c.label})`);
        } else {
          report.otherCases++;
          await publishAsync(fk.mgr, topic, c.payload, { qos: 1 });
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
