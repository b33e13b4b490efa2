import { afterEach, describe, expect, it } from 'vitest';
import { stopKiosk } from '../../app/lifecycle.js';
import { databaseCheck } from '../../technician/doctor/system-checks.js';
import { smallDisk, type SmallDisk } from './harness/small-disk.js';
import { startInProcessKiosk, type InProcessKiosk } from './harness/in-process-kiosk.js';

/**
 * Issue 19 item 1: a full data disk. Every printed receipt is a number that was committed (with
 * its fleet record) and shown; a failed action is said and shown to the citizen; the technician
 * gets the cause and the fix in the log, an event, blinking LEDs and a failing doctor check; the
 * lookups keep working, and tickets resume once space is freed.
 */
describe('Reliability: a full data disk', () => {
  let disk: SmallDisk | undefined;
  let k: InProcessKiosk | undefined;
  afterEach(async () => {
    if (k) await stopKiosk(k.kiosk).catch(() => undefined);
    k = undefined;
    disk?.cleanup();
    disk = undefined;
  });

  it('never prints a number it did not commit and show; says sorry; tells the technician; recovers', async () => {
    disk = smallDisk(8);
    k = await startInProcessKiosk(disk.dir);
    const { kiosk, printer } = k;
    const shown: string[] = [];
    const take = async (): Promise<string | undefined> => {
      const screen = await k?.press('1');
      const details = kiosk.ui.current?.describe?.() ?? {};
      if (screen === 'ticket') shown.push(String(details.ticket));
      await k?.press('ok');
      return screen;
    };
    expect(await take()).toBe('ticket');

    disk.fill(kiosk.db);
    const screens: (string | undefined)[] = [];
    for (let i = 0; i < 12; i++) screens.push(await take());
    expect(screens).toContain('action-failed');

    // One unit: every receipt printed is a number shown, stored and recorded for the fleet.
    const tickets = kiosk.db.prepare('SELECT number FROM tickets ORDER BY id').all() as { number: string }[];
    const records = kiosk.outbox.peek(1000).filter((m) => m.topic === 'events/ticket-issued');
    expect(printer.receipts).toHaveLength(shown.length);
    expect(tickets.map((t) => t.number)).toEqual(shown);
    expect(records.map((m) => m.payload.number)).toEqual(shown);

    // The citizen heard and saw the apology with what to do.
    const said = kiosk.voice.transcript.map((u) => u.text).join('\n');
    expect(said).toContain('Vui lòng hỏi cán bộ tại quầy tiếp nhận');

    // The technician: the cause and the fix in one log line, the service failed, LEDs blinking.
    const cause = `data disk full: free space in ${disk.dir}`;
    expect(k.lines.some((l) => l.level === 'error' && l.msg.includes(cause))).toBe(true);
    const storage = kiosk.services.status().find((s) => s.name === 'storage');
    expect(storage?.state).toBe('failed');
    expect(storage?.lastError).toContain(cause);
    await expect.poll(() => k?.buttons.attention).toBe(true);
    const doctor = await databaseCheck(disk.dir).run(new AbortController().signal);
    expect(doctor).toMatchObject({ status: 'fail', code: 'disk-full' });
    expect(JSON.stringify(doctor)).toContain(cause);

    // Lookups keep working.
    const catalog = kiosk.deps.catalog();
    expect(catalog?.search.search('đăng ký khai sinh', { limit: 3 }).results.length).toBeGreaterThan(0);
    kiosk.ui.open('results', { query: 'đăng ký khai sinh' });
    await kiosk.ui.settle();
    expect(['procedure', 'clarify']).toContain(k.screen());
    kiosk.ui.home();

    // Space freed: the storage service comes back by itself and numbering continues.
    disk.free(kiosk.db);
    await expect
      .poll(() => kiosk.services.status().find((s) => s.name === 'storage')?.state, { timeout: 40_000 })
      .toBe('running');
    expect(await take()).toBe('ticket');
    const last = shown.at(-1) ?? '';
    expect(Number(last.slice(2))).toBe(shown.length);
    await expect.poll(() => k?.buttons.attention).toBe(false);
    // The fleet hears of the failure once the outbox can be written again.
    expect(
      kiosk.outbox
        .peek(1000)
        .some((m) => m.topic === 'events/service-failed' && m.payload.service === 'storage'),
    ).toBe(true);
  });
});
