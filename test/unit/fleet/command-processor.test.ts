import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../../runtime/clock.js';
import type { CommandHandlers } from '../../../domain/fleet/command-processor.js';
import { CommandProcessor } from '../../../domain/fleet/command-processor.js';
import { COMMAND_NAMES, type CommandName } from '../../../domain/fleet/command-names.js';
import { CommandStore } from '../../../domain/fleet/command-store.js';
import { signCommand } from '../../../domain/fleet/fleet-client.js';
import { generateFleetKeys, parsePrivateKey, parsePublicKeys } from '../../../domain/fleet/signing.js';
import { openDatabase, type Db } from '../../../runtime/storage/database.js';
import { tempDir } from '../../helpers/sim-process.js';

const fleet = generateFleetKeys();
const key = parsePrivateKey(fleet.privatePem);
const keys = parsePublicKeys(fleet.publicPem);

describe('Fleet: command processor', () => {
  let dir: string;
  let db: Db;
  let clock: ManualClock;
  let runs: string[];
  let processor: CommandProcessor;

  const make = (k: ReturnType<typeof parsePublicKeys> | null = keys) => {
    const handlers = Object.fromEntries(
      COMMAND_NAMES.map((n) => [
        n,
        async (args: Record<string, unknown>) => {
          runs.push(n);
          if (n === 'selftest') throw new Error('printer is out of paper');
          return { args };
        },
      ]),
    ) as unknown as CommandHandlers;
    return new CommandProcessor({
      deviceId: 'kiosk-a',
      groups: ['ha-noi'],
      keys: k ?? undefined,
      store: new CommandStore(db),
      clock,
      handlers,
    });
  };

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir, 'kiosk.db'));
    clock = new ManualClock(Date.UTC(2026, 10, 25, 8));
    runs = [];
    processor = make();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cmd = (name: CommandName, extra: Partial<Parameters<typeof signCommand>[0]> = {}) =>
    signCommand({ name, target: { device: 'kiosk-a' }, key, now: clock.now(), ...extra });
  const outcome = (
    doc: unknown,
    name: string,
    scope: 'device' | 'group' | 'all' = 'device',
    scopeId?: string,
  ) =>
    processor.handle(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)), {
      scope,
      scopeId,
      name,
    });
  const send = async (...args: Parameters<typeof outcome>) => (await outcome(...args)).response;

  it('runs a signed command once and answers with its result', async () => {
    const c = cmd('set-volume', { args: { volume: 40 } });
    const r = await send(c, 'set-volume', 'device', 'kiosk-a');
    expect(r).toMatchObject({ id: c.id, ok: true, device: 'kiosk-a', result: { args: { volume: 40 } } });
    expect(runs).toEqual(['set-volume']);
  });

  it('refuses a replay (even after a restart) without running it again, pointing at the first result', async () => {
    const c = cmd('ping');
    await send(c, 'ping');
    const again = await send(c, 'ping');
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'replayed' },
      result: { previous: { ok: true } },
    });
    processor = make();
    expect((await send(c, 'ping')).error?.code).toBe('replayed');
    expect(runs).toEqual(['ping']);
  });

  it('refuses bad signatures, unknown keys, missing keys, expiry and future commands with reasons', async () => {
    const tampered = { ...cmd('set-volume', { args: { volume: 10 } }), args: { volume: 100 } };
    expect((await send(tampered, 'set-volume')).error?.code).toBe('bad-signature');
    const stranger = signCommand({
      name: 'ping',
      target: { device: 'kiosk-a' },
      key: parsePrivateKey(generateFleetKeys().privatePem),
      now: clock.now(),
    });
    expect((await send(stranger, 'ping')).error?.code).toBe('unknown-key');
    const expired = cmd('ping', { ttlMs: 1000 });
    clock.advance(2000);
    const r = await send(expired, 'ping');
    expect(r.error).toMatchObject({ code: 'expired' });
    expect(r.error?.message).toMatch(/expired at/);
    expect((await send(cmd('ping', { now: clock.now() + 3600_000 }), 'ping')).error?.code).toBe(
      'not-yet-valid',
    );
    expect((await send(cmd('ping', { ttlMs: 48 * 3600_000 }), 'ping')).error?.code).toBe('malformed');
    processor = make(null);
    expect((await send(cmd('ping'), 'ping')).error?.code).toBe('no-fleet-key');
    expect(runs).toEqual([]);
  });

  it('malformed payloads get a clear error, never a throw', async () => {
    expect((await send('{not json', 'ping')).error).toMatchObject({
      code: 'malformed',
      message: expect.stringMatching(/not JSON/),
    });
    expect((await send('[]', 'ping')).error?.code).toBe('malformed');
    const r = await send({ id: 'abc12345', name: 'dance' }, 'dance');
    expect(r).toMatchObject({ id: 'abc12345', ok: false, error: { code: 'malformed' } });
    expect(r.error?.message).toMatch(/name: must be one of ping/);
    expect((await send(cmd('ping'), 'status')).error?.message).toMatch(/sent on the topic for "status"/);
  });

  it('marks only what a trusted key signed as verified (the rest is refused without an answer)', async () => {
    const tampered = { ...cmd('set-volume', { args: { volume: 10 } }), args: { volume: 100 } };
    const stranger = signCommand({
      name: 'ping',
      target: { device: 'kiosk-a' },
      key: parsePrivateKey(generateFleetKeys().privatePem),
      now: clock.now(),
    });
    for (const [doc, name] of [
      ['{not json', 'ping'],
      [{ id: 'abc12345', name: 'ping' }, 'ping'],
      [tampered, 'set-volume'],
      [stranger, 'ping'],
    ] as const)
      expect((await outcome(doc, name)).verified, JSON.stringify(doc).slice(0, 60)).toBe(false);
    const long = await outcome({ id: `x${'\u0007'.repeat(5000)}`, name: 'ping' }, 'ping');
    expect(long.response.error?.message.length).toBeLessThanOrEqual(200);
    expect(long.response.id?.length).toBeLessThanOrEqual(80);
    expect(long.response.id).not.toContain('\u0007');
    for (const [doc, name] of [
      [cmd('ping', { ttlMs: 1000, now: clock.now() - 5000 }), 'ping'],
      [cmd('ping', { target: { device: 'kiosk-b' } }), 'ping'],
      [cmd('ping'), 'status'],
      [cmd('set-volume', { args: { volume: 300 } }), 'set-volume'],
    ] as const)
      expect((await outcome(doc, name)).verified).toBe(true);
    processor = make(null);
    expect((await outcome(cmd('ping'), 'ping')).verified).toBe(false);
    expect(runs).toEqual([]);
  });

  it('checks the target against the topic, the device id and its groups', async () => {
    expect((await send(cmd('ping', { target: { device: 'kiosk-b' } }), 'ping')).error?.code).toBe(
      'wrong-target',
    );
    expect((await send(cmd('ping', { target: { group: 'ha-noi' } }), 'ping', 'group', 'ha-noi')).ok).toBe(
      true,
    );
    expect((await send(cmd('ping', { target: { group: 'hue' } }), 'ping', 'group', 'hue')).error?.code).toBe(
      'wrong-target',
    );
    expect(
      (await send(cmd('ping', { target: { all: true } }), 'ping', 'device', 'kiosk-a')).error?.code,
    ).toBe('wrong-target');
    expect((await send(cmd('ping', { target: { all: true } }), 'ping', 'all')).ok).toBe(true);
  });

  it('validates arguments per command and reports handler failures', async () => {
    const r = await send(cmd('set-volume', { args: { volume: 300 } }), 'set-volume');
    expect(r.error).toMatchObject({ code: 'bad-args' });
    expect(r.error?.message).toMatch(/volume/);
    expect((await send(cmd('announce', { args: { text: '' } }), 'announce')).error?.code).toBe('bad-args');
    expect(await send(cmd('selftest'), 'selftest')).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'printer is out of paper' },
    });
  });
});
