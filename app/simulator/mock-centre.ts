import type { FleetLink } from '../../domain/fleet/fleet-link.js';
import type { Clock } from '../../runtime/clock.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { DriverError } from '../../runtime/errors.js';
import { isoWeekday, localTime, serviceDay } from '../../runtime/time.js';

/** How long the mock centre's counters take per citizen (its queue moves on with the clock). */
const SERVICE_MS = 4 * 60_000;
/** Citizens already waiting at the centre (numbers from its counters) when the simulator starts. */
const WAITING_AT_START = 3;

/** The sample dossiers: the last four digits of a dossier number choose its state. */
const SAMPLES: Record<
  string,
  { state: string; procedureName: string; dueInWorkingDays?: number; note?: string }
> = {
  '0001': { state: 'received', procedureName: 'Đăng ký kết hôn', dueInWorkingDays: 3 },
  '0002': { state: 'processing', procedureName: 'Chứng thực bản sao từ bản chính', dueInWorkingDays: 1 },
  '0003': { state: 'ready', procedureName: 'Đăng ký khai sinh', dueInWorkingDays: 0 },
  '0004': {
    state: 'supplement',
    procedureName: 'Đăng ký thường trú',
    dueInWorkingDays: 2,
    note: 'Cần bổ sung bản sao giấy tờ chứng minh chỗ ở hợp pháp.',
  },
  '0005': { state: 'returned', procedureName: 'Cấp bản sao trích lục hộ tịch' },
  '0006': {
    state: 'rejected',
    procedureName: 'Đăng ký biến động đất đai',
    note: 'Thửa đất đang có tranh chấp.',
  },
};

/**
 * The simulator's built-in centre (`kiosk sim` without `--broker`; `--no-centre` turns it off):
 * it answers the kiosk's requests to the centre's gateway the way a real gateway does over MQTT 5,
 * so a newcomer sees the real dossier and queue flows without a broker. Dossier numbers ending in
 * 0001-0006 have a status (received, processing, ready, supplement, returned, rejected; due dates
 * from today at 16:00, working days only); any other number is not found. Its queue starts with
 * citizens who took numbers at the counters and serves one every few minutes, so its
 * "people ahead" differs from the kiosk's own count, as a real centre's does.
 */
export class MockCentre implements FleetLink {
  readonly connected = true;
  private readonly startedAt: number;
  private readonly asked = new Map<string, { number: string; priority: boolean }[]>();

  constructor(
    private readonly config: Pick<KioskConfig, 'dossier' | 'device' | 'queue'>,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  async request(
    topic: string,
    payload: Record<string, unknown>,
    _timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    const { requestTopic, peopleAheadTopic } = this.config.dossier;
    if (topic.endsWith(`/${requestTopic}`)) return this.dossier(String(payload.dossierNumber ?? ''));
    if (peopleAheadTopic && topic.endsWith(`/${peopleAheadTopic}`))
      return this.peopleAhead(
        String(payload.group ?? ''),
        String(payload.number ?? ''),
        payload.priority === true,
      );
    throw new DriverError('centre', 'disconnected', 'no-gateway', `the mock centre does not answer ${topic}`);
  }

  onConnectionChange(): () => void {
    return () => undefined;
  }

  private dossier(dossierNumber: string): Record<string, unknown> {
    const sample = SAMPLES[dossierNumber.slice(-4)];
    if (!sample) return { status: 'not-found' };
    const group = this.config.queue.groups[0];
    return {
      status: 'ok',
      data: {
        state: sample.state,
        procedureName: sample.procedureName,
        ...(sample.dueInWorkingDays === undefined ? {} : { dueAt: this.dueAt(sample.dueInWorkingDays) }),
        ...(group?.counters[0] ? { counter: group.counters[0] } : {}),
        ...(sample.note ? { note: sample.note } : {}),
      },
    };
  }

  /** 16:00 local time, `days` working days (Monday-Friday) from today, as ISO with the offset. */
  private dueAt(days: number): string {
    const tz = this.config.device.timeZone;
    const now = localTime(this.clock.now(), tz);
    const date = new Date(Date.UTC(now.year, now.month - 1, now.day));
    let left = days;
    const weekend = (): boolean =>
      isoWeekday(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) > 5;
    while (weekend()) date.setUTCDate(date.getUTCDate() + 1);
    while (left > 0) {
      date.setUTCDate(date.getUTCDate() + 1);
      if (!weekend()) left--;
    }
    // The centre's offset for that day: the local wall clock minus UTC, in minutes.
    const noon = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12);
    const wall = localTime(noon, tz);
    const offset = Math.round(
      (Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - noon) / 60_000,
    );
    const sign = offset < 0 ? '-' : '+';
    const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offset) % 60).padStart(2, '0');
    return `${date.toISOString().slice(0, 10)}T16:00:00${sign}${hh}:${mm}`;
  }

  /**
   * The centre's count before `number`: its own waiting citizens and the kiosk's earlier numbers,
   * less those served; a priority number is served first, so only earlier priority numbers are
   * ahead of it.
   */
  private peopleAhead(group: string, number: string, priority: boolean): Record<string, unknown> {
    const now = this.clock.now();
    const key = `${serviceDay(now, this.config.device.timeZone)}|${group}`;
    const numbers = this.asked.get(key) ?? [];
    if (!numbers.some((n) => n.number === number)) numbers.push({ number, priority });
    this.asked.set(key, numbers);
    const at = numbers.findIndex((n) => n.number === number);
    if (priority)
      return { status: 'ok', data: { peopleAhead: numbers.slice(0, at).filter((n) => n.priority).length } };
    const before = at;
    const served = Math.floor((now - this.startedAt) / SERVICE_MS);
    return { status: 'ok', data: { peopleAhead: Math.max(0, WAITING_AT_START + before - served) } };
  }
}
