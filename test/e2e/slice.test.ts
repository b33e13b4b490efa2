import { afterEach, describe, expect, it } from 'vitest';
import { startSim, type SimProcess } from '../helpers/sim-process.js';

interface State {
  screen: string;
  focus: string | null;
  lastTicket: { number: string; peopleAhead: number } | null;
}

describe('first vertical slice through the simulator control API', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('button 1 on home issues a ticket that is persisted, shown, printed, spoken and queued for telemetry', async () => {
    sim = await startSim();
    const before = await sim.api<State>('/api/state');
    expect(before.screen).toBe('home');
    expect(before.lastTicket).toBeNull();
    const homePng = await sim.api<Buffer>('/api/screen.png');

    const after = await sim.api<State>('/api/button', { id: '1' });
    expect(after.screen).toBe('ticket');
    expect(after.lastTicket?.number).toBe('A-001');
    const ticketPng = await sim.api<Buffer>('/api/screen.png');
    expect(ticketPng.subarray(1, 4).toString()).toBe('PNG');
    expect(ticketPng.equals(homePng)).toBe(false);

    const receipts =
      await sim.api<{ pngBase64: string; rawBase64: string; cut: boolean; height: number }[]>(
        '/api/receipts',
      );
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.cut).toBe(true);
    expect(receipts[0]?.height).toBeGreaterThan(300);
    const raw = Buffer.from(receipts[0]?.rawBase64 ?? '', 'base64');
    expect([...raw.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect(raw.includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(true);

    const speech = await sim.api<{ text: string }[]>('/api/speech');
    expect(speech.at(-1)?.text).toContain('Số thứ tự của bạn là A, không, không, một');

    const events = await sim.api<{ outbox: { topic: string; payload: { number: string } }[] }>('/api/events');
    expect(events.outbox.map((m) => [m.topic, m.payload.number])).toContainEqual([
      'events/ticket-issued',
      'A-001',
    ]);

    // OK returns home; the next ticket continues the day's numbering.
    expect((await sim.api<State>('/api/button', { id: 'ok' })).screen).toBe('home');
    expect((await sim.api<State>('/api/button', { id: '1' })).lastTicket?.number).toBe('A-002');
  });

  it('keeps numbering across a kill -9 (the number is committed before it is shown)', async () => {
    // The kiosk's own count (no mock centre): it survives the restart with the numbers.
    sim = await startSim({ args: ['--no-centre'] });
    const dataDir = sim.dataDir;
    await sim.api('/api/button', { id: '1' });
    await sim.api('/api/button', { id: 'ok' });
    const second = await sim.api<State>('/api/button', { id: '1' });
    expect(second.lastTicket?.number).toBe('A-002');
    await sim.kill();
    sim = await startSim({ dataDir, args: ['--no-centre'] });
    const third = await sim.api<State>('/api/button', { id: '1' });
    expect(third.lastTicket?.number).toBe('A-003');
    expect(third.lastTicket?.peopleAhead).toBe(2);
  });

  it('stops within 3 seconds on SIGTERM', async () => {
    sim = await startSim();
    const { code, ms } = await sim.stop();
    sim = undefined;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(3000);
  });

  it('rejects bad API input with a clear error', async () => {
    sim = await startSim();
    await expect(sim.api('/api/button', { id: 'launch' })).rejects.toThrow(/id: must be one of/);
    await expect(sim.api('/api/touch', { x: 'a' })).rejects.toThrow(/x, y: must be numbers/);
    expect((await sim.api<State>('/api/state')).screen).toBe('home');
  });

  it('touching a tile activates it like its button', async () => {
    sim = await startSim();
    const state = await sim.api<{
      targets: { id: string; rect: { x: number; y: number; width: number; height: number } }[];
    }>('/api/state');
    const tile = state.targets.find((t) => t.id === 'take-number');
    expect(tile).toBeDefined();
    const after = await sim.api<State>('/api/touch', { x: tile!.rect.x + 10, y: tile!.rect.y + 10 });
    expect(after.screen).toBe('ticket');
  });
});
