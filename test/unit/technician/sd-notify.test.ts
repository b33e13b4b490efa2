import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SdNotifier } from '../../../technician/systemd/sd-notify.js';
import { tempDir } from '../../helpers/sim-process.js';
import { openNotifySocket, type NotifySocket } from './notify-socket.js';

const log = pino({ level: 'silent' });

describe('Technician: sd_notify over a real unix datagram socket', () => {
  let socket: NotifySocket | undefined;
  let notifier: SdNotifier | undefined;
  afterEach(async () => {
    notifier?.stopWatchdog();
    await socket?.close();
    socket = undefined;
    notifier = undefined;
  });

  it('sends READY=1 with status and main pid, then STOPPING=1', async () => {
    socket = await openNotifySocket(tempDir('kiosk-notify-'));
    notifier = SdNotifier.fromEnv({ NOTIFY_SOCKET: socket.path }, log);
    expect(notifier).toBeDefined();
    await notifier!.ready('serving as hn-01');
    expect(await socket.waitFor(/READY=1/)).toBe(`READY=1|STATUS=serving as hn-01|MAINPID=${process.pid}`);
    await notifier!.stopping();
    expect(await socket.waitFor(/STOPPING=1/)).toBe('STOPPING=1|STATUS=shutting down');
  });

  it('pings WATCHDOG=1 every half WatchdogSec while the event loop runs', async () => {
    socket = await openNotifySocket(tempDir('kiosk-notify-'));
    notifier = SdNotifier.fromEnv({ NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '400000' }, log);
    expect(notifier?.watchdogIntervalMs).toBe(200);
    notifier!.startWatchdog();
    await socket.waitFor(/WATCHDOG=1/);
    const first = socket.messages.filter((m) => m === 'WATCHDOG=1').length;
    await new Promise((r) => setTimeout(r, 700));
    expect(socket.messages.filter((m) => m === 'WATCHDOG=1').length).toBeGreaterThan(first);
    notifier!.stopWatchdog();
  });

  it('holds back the ping while the kiosk reports itself unhealthy', async () => {
    socket = await openNotifySocket(tempDir('kiosk-notify-'));
    notifier = SdNotifier.fromEnv({ NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '200000' }, log);
    notifier!.startWatchdog(() => false);
    await new Promise((r) => setTimeout(r, 500));
    expect(socket.messages).toEqual([]);
  });

  it('is off without NOTIFY_SOCKET, and ignores a watchdog meant for another pid', () => {
    expect(SdNotifier.fromEnv({}, log)).toBeUndefined();
    const other = SdNotifier.fromEnv(
      { NOTIFY_SOCKET: '/run/x', WATCHDOG_USEC: '1000000', WATCHDOG_PID: '1' },
      log,
    );
    expect(other?.watchdogIntervalMs).toBeUndefined();
  });

  it('rejects malformed state and reports a missing systemd-notify', async () => {
    const n = new SdNotifier({ socket: '/nonexistent/sock', program: 'systemd-notify-not-installed' }, log);
    await expect(n.notify({ 'bad key': '1' })).rejects.toThrow(TypeError);
    await expect(n.notify({ STATUS: 'a\nb' })).rejects.toThrow(/one line/);
    await expect(n.ready()).rejects.toThrow(/systemd-notify-not-installed/);
  });
});
