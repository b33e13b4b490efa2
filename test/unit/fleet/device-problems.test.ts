import { describe, expect, it } from 'vitest';
import { deviceProblems } from '../../../domain/fleet/device-problems.js';

const now = Date.parse('2026-11-25T08:00:00.000Z');
const ok = {
  state: 'online',
  ts: '2026-11-25T07:59:30.000Z',
  peripherals: { printer: { online: true, paper: 'ok', coverOpen: false, fault: false } },
  health: { diskFreeMb: 4000 },
};

describe('deviceProblems: what a status shows is wrong', () => {
  it('finds none on a healthy kiosk', () => {
    expect(deviceProblems(ok, { at: now, live: true })).toEqual([]);
  });

  it('paper near its end or out, a printer offline, open, faulted or unreadable', () => {
    const printer = (p: Record<string, unknown>) => ({
      ...ok,
      peripherals: { printer: { ...ok.peripherals.printer, ...p } },
    });
    expect(deviceProblems(printer({ paper: 'near-end' }))).toEqual(['paper']);
    expect(deviceProblems(printer({ paper: 'out', online: false }))).toEqual(['paper', 'printer']);
    expect(deviceProblems(printer({ coverOpen: true }))).toEqual(['printer']);
    expect(deviceProblems(printer({ fault: true }))).toEqual(['printer']);
    expect(deviceProblems({ ...ok, peripherals: { error: 'timeout' } })).toEqual(['printer']);
  });

  it('a nearly full data disk', () => {
    expect(deviceProblems({ ...ok, health: { diskFreeMb: 120 } })).toEqual(['disk']);
    expect(deviceProblems({ ...ok, health: {} })).toEqual([]);
    expect(deviceProblems({ ...ok, condition: { storage: { state: 'failed', kind: 'disk-full' } } })).toEqual(
      ['disk'],
    );
  });

  it('a clock ahead always, behind only on a live status (a retained one may be old)', () => {
    const ahead = { ...ok, ts: '2026-11-25T08:10:00.000Z' };
    const behind = { ...ok, ts: '2026-11-25T07:50:00.000Z' };
    expect(deviceProblems(ahead, { at: now, live: false })).toEqual(['clock']);
    expect(deviceProblems(behind, { at: now, live: false })).toEqual([]);
    expect(deviceProblems(behind, { at: now, live: true })).toEqual(['clock']);
    expect(deviceProblems({ ...ahead, state: 'offline' }, { at: now, live: true })).toEqual([]);
    expect(deviceProblems({ ...ok, condition: { clock: { state: 'behind' } } })).toEqual(['clock']);
    expect(deviceProblems({ ...ok, condition: { clock: { state: 'ok' } } })).toEqual([]);
  });

  it('survives any shape of input', () => {
    for (const junk of [
      {},
      { peripherals: 'x' },
      { peripherals: [1] },
      { health: null },
      { ts: 5, state: 'online' },
    ])
      expect(deviceProblems(junk as never, { at: now, live: true })).toEqual([]);
  });
});
