import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/fleet.js';
import { answerCentreRequests } from './harness/broker-network.js';
import { startFleetKiosk, type FleetKiosk } from './harness/fleet-kiosk.js';

/** A synthetic citizen (not in any fixture, so every hit below comes from these sessions). */
const ID = '079190123456';
const NAME = 'Lê Thị Hồng Nhung';
const ADDRESS = '12 Nguyễn Huệ, Phường Bến Nghé, Thành phố Hồ Chí Minh';
const RAW = `${ID}|280123456|${NAME}|15081990|Nữ|${ADDRESS}|01022022`;
/** What the citizen types into the form (Telex keys, then the text it gives). */
const TYPED_KEYS = 'soor hooj khaaur nhung';
const TYPED = 'sổ hộ khẩu nhung';
const PHONE = '0987612345';
/** The next citizen. */
const RAW2 =
  '001189001122||Đỗ Thị Lan|12071989|Nữ|Số 3 ngõ 5 phố Tràng Tiền, Phường Hoàn Kiếm, Thành phố Hà Nội|09092021';

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
    ['typed document name', TYPED],
    ['typed document name (Telex keys)', TYPED_KEYS],
    ['typed phone', PHONE],
    ['birth date', '15/08/1990'],
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
  targets: {
    id: string;
    label: string;
    button: string | null;
    rect: { x: number; y: number; width: number; height: number };
  }[];
  form: { id: string; field: string; values: Record<string, string> } | null;
};

describe('Reliability: a filled e-form leaves no trace after the session (done, home, idle, next citizen)', () => {
  let fk: FleetKiosk;
  const api = (path: string, body?: unknown) => fk.kiosk.api<State>(path, body);
  const press = (id: string) => api('/api/button', { id });
  const touch = async (id: string): Promise<State> => {
    const st = await api('/api/state');
    const t = st.targets.find((x) => x.id === id);
    if (!t) throw new Error(`no target ${id} on ${st.screen}: ${st.targets.map((x) => x.id).join(', ')}`);
    return api('/api/touch', { x: t.rect.x + t.rect.width / 2, y: t.rect.y + t.rect.height / 2 });
  };
  /** Scans the card, opens chứng thực bản sao prefilled, types the document name and a phone number. */
  const fill = async (): Promise<State> => {
    expect((await api('/api/scan', { data: RAW })).screen).toBe('citizen');
    expect((await api('/api/form/start', { form: 'chung-thuc-ban-sao' })).screen).toBe('form-prefill');
    await press('1');
    await touch('key:done'); // name
    await touch('pad:done'); // birth date
    await press('2'); // gender: Nữ
    await press('ok'); // Xong (it has the focus)
    await touch('pad:done'); // ID number
    await touch('key:done'); // address
    for (const d of PHONE) await touch(`pad:${d}`);
    await touch('pad:done');
    for (const ch of TYPED_KEYS) await touch(`key:${ch === ' ' ? 'space' : ch}`);
    const st = await touch('key:done');
    expect(st.form?.values).toMatchObject({ tenGiayTo: TYPED, dienThoai: PHONE, hoTen: NAME });
    return st;
  };

  beforeAll(async () => {
    fk = await startFleetKiosk({
      deviceId: 'kiosk-privacy-form',
      config: {
        display: { idleTimeoutSeconds: 10 },
        documentPrinter: { driver: 'mock' },
        payment: { bankBin: '970436', accountNumber: '0011004455667', accountName: 'UBND XA MAU' },
      },
    });
    await answerCentreRequests(fk.mgr);
  });
  afterAll(async () => {
    await fk?.dispose();
  });

  it('prints the form and the slip, then forgets it; idle and the next citizen forget it too', async () => {
    // 1. Filled, printed on A4, handed in with a number and the slip, then "Xong".
    await fill();
    await touch('key:done'); // coQuanCap (optional)
    await press('1');
    await touch('pad:done');
    await press('1');
    const review = await touch('pad:done');
    expect(review.screen).toBe('form-review');
    expect((await press('1')).details.toast).toMatch(/Đã in tờ khai/);
    const done = await press('2');
    expect(done.screen).toBe('form-done');
    expect(done.details.slipPrinted).toBe(true);
    let s = await press('ok');
    expect([s.screen, s.sessionActive, s.form]).toEqual(['home', false, null]);

    // 2. Half filled, then the citizen walks away: the idle timeout forgets it.
    await fill();
    s = await waitFor(
      async () => {
        const st = await api('/api/state');
        return st.screen === 'home' ? st : undefined;
      },
      25_000,
      'idle timeout back home',
    );
    expect([s.sessionActive, s.form]).toEqual([false, null]);

    // 3. Half filled, then the next citizen scans a card: nothing of the first remains.
    await fill();
    s = await api('/api/scan', { data: RAW2 });
    expect(s.screen).toBe('citizen');
    expect(s.form).toBeNull();
    s = await api('/api/form/start', { form: 'chung-thuc-ban-sao' });
    expect(JSON.stringify(s)).not.toContain('Nhung');
    s = await press('back');
    while (s.screen !== 'home') s = await press('back');
    expect(s.sessionActive).toBe(false);

    await waitFor(
      async () => (await fk.kiosk.api<{ outboxCount: number }>('/api/state')).outboxCount === 0,
      15_000,
      'outbox drained',
    );
    const found: string[] = [];
    for (const file of filesUnder(fk.dataDir)) found.push(...traces(file, readFileSync(file)));
    found.push(...traces('kiosk logs', Buffer.from(fk.kiosk.logs.join('\n'))));
    for (const m of fk.received) found.push(...traces(`MQTT ${m.topic}`, m.payload));
    const events = await fk.kiosk.api<{ outbox: unknown[]; recent: unknown[] }>('/api/events');
    found.push(...traces('outbox and recent bus events', Buffer.from(JSON.stringify(events))));
    found.push(
      ...traces(
        'screen state (targets, details, form)',
        Buffer.from(JSON.stringify(await api('/api/state'))),
      ),
    );
    found.push(
      ...traces(
        'voice transcript',
        Buffer.from(JSON.stringify(await fk.kiosk.api<unknown[]>('/api/speech'))),
      ),
    );
    expect(found).toEqual([]);
    // The fleet heard that a form was printed and handed in, and nothing of what it held.
    const topics = fk.received.map((m) => m.topic);
    expect(topics.some((t) => t.endsWith('events/form-handed-in'))).toBe(true);
    expect(topics.some((t) => t.endsWith('events/form-printed'))).toBe(true);
  });
});
