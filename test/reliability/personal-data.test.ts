import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/fleet.js';
import { answerCentreRequests } from './harness/broker-network.js';
import { startFleetKiosk, type FleetKiosk } from './harness/fleet-kiosk.js';

/** A synthetic citizen (not in any fixture, so every hit below comes from this session). */
const ID = '079190123456';
const NAME = 'Lê Thị Hồng Nhung';
const ADDRESS = '12 Nguyễn Huệ, Phường Bến Nghé, TP Hồ Chí Minh';
const RAW = `${ID}|280123456|${NAME}|15081990|Nữ|${ADDRESS}|01022022`;

/** Every form the name and ID could take in bytes: UTF-8 NFC/NFD, without diacritics, UTF-16. */
function needles(): { label: string; bytes: Buffer }[] {
  const plain = NAME.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const list: [string, string][] = [
    ['ID number', ID],
    ['ID number (last 9 digits)', ID.slice(3)],
    ['name', NAME.normalize('NFC')],
    ['name (NFD)', NAME.normalize('NFD')],
    ['name without diacritics', plain],
    ['given names', 'Hồng Nhung'],
    ['address', 'Nguyễn Huệ, Phường Bến Nghé'],
    ['old ID number', '280123456'],
  ];
  return list.flatMap(([label, s]) => [
    { label, bytes: Buffer.from(s, 'utf8') },
    { label: `${label} (UTF-16)`, bytes: Buffer.from(s, 'utf16le') },
  ]);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function traces(where: string, haystack: Buffer): string[] {
  return needles()
    .filter((n) => haystack.includes(n.bytes))
    .map((n) => `${n.label} found in ${where}`);
}

type State = {
  screen: string;
  sessionActive: boolean;
  details: Record<string, unknown>;
  targets: { label: string }[];
};

describe('Reliability: personal data leaves no trace after a CCCD session', () => {
  let fk: FleetKiosk;
  beforeAll(async () => {
    fk = await startFleetKiosk({ deviceId: 'kiosk-privacy' });
    await answerCentreRequests(fk.mgr);
  });
  afterAll(async () => {
    await fk?.dispose();
  });

  it('greets by name during the session, then: nothing in the data dir, logs, outbox, telemetry or screen', async () => {
    const homeBefore = await fk.kiosk.api<Buffer>('/api/screen.png');
    const greeted = await fk.kiosk.api<State>('/api/scan', { data: RAW });
    expect(greeted.screen).toBe('citizen');
    expect(greeted.details.greeting).toBe(NAME); // the harness really put personal data on screen
    expect(greeted.sessionActive).toBe(true);
    const withName = await fk.kiosk.api<Buffer>('/api/screen.png');
    expect(withName.equals(homeBefore)).toBe(false);

    // the citizen takes a number with the card scanned, then finishes (3 = end and erase)
    const ticket = await fk.kiosk.api<State>('/api/button', { id: '1' });
    expect(ticket.screen).toBe('ticket');
    let s = await fk.kiosk.api<State>('/api/button', { id: 'ok' });
    for (let i = 0; i < 3 && (s.screen !== 'home' || s.sessionActive); i++)
      s = await fk.kiosk.api<State>('/api/button', { id: s.screen === 'citizen' ? '3' : 'back' });
    expect(s.screen).toBe('home');
    expect(s.sessionActive).toBe(false);
    // let the outbox drain so "delivered" telemetry is checked too, and the WAL reach the disk
    await waitFor(
      async () => (await fk.kiosk.api<{ outboxCount: number }>('/api/state')).outboxCount === 0,
      15_000,
      'outbox drained',
    );

    const found: string[] = [];
    for (const file of filesUnder(fk.dataDir)) found.push(...traces(file, readFileSync(file)));
    found.push(...traces('kiosk logs', Buffer.from(fk.kiosk.logs.join('\n'))));
    for (const m of fk.received) found.push(...traces(`MQTT ${m.topic}`, m.payload));
    const events = await fk.kiosk.api<{ outbox: unknown[] }>('/api/events');
    found.push(...traces('outbox', Buffer.from(JSON.stringify(events.outbox))));
    const state = await fk.kiosk.api<State>('/api/state');
    found.push(...traces('screen state (targets, details)', Buffer.from(JSON.stringify(state))));
    const speech = await fk.kiosk.api<unknown[]>('/api/speech');
    found.push(...traces('voice transcript', Buffer.from(JSON.stringify(speech))));
    expect(found).toEqual([]);

    // the framebuffer shows the plain home screen again (the greeting is gone from the pixels)
    const homeAfter = await fk.kiosk.api<Buffer>('/api/screen.png');
    expect(homeAfter.equals(withName)).toBe(false);
    expect(homeAfter.equals(homeBefore)).toBe(true);
  });
});
