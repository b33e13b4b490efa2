import type { ButtonId } from '../../drivers/buttons/types.js';
import { drawFrame, drawTile, gridCells } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import type { CheckReport } from '../../runtime/check-result.js';

/**
 * What the technician's screen needs from the running kiosk (implemented by
 * technician/maintenance/maintenance-panel.ts).
 */
export interface MaintenancePort {
  deviceId: string;
  appVersion: string;
  nodeVersion: string;
  /** "eth0 192.168.1.20", non-internal IPv4 interfaces. */
  addresses(): string[];
  /** Runs the kiosk's checks (its own devices, not re-opened): the doctor's result shape. */
  runChecks(): Promise<CheckReport>;
  /** Prints the service report with the last checks' results. */
  printReport(): Promise<{ ok: true } | { ok: false; message: string; hint?: string }>;
  /** Speaker volume 0-100. */
  volume(): number;
  setVolume(volume: number): Promise<void>;
  /** Ends the process so systemd starts it again. */
  restart(): void;
  /** Newest first, at most 10. */
  recentErrors(): readonly string[];
}

const ORDER = { fail: 0, warn: 1, ok: 2, skip: 3 } as const;

/**
 * The technician's screen (after the PIN): device id, addresses, versions, live self-check
 * results and recent errors; actions on buttons 1-5: check again, print a service report,
 * volume up/down, restart (press twice). BACK leaves; the idle timeout also leaves.
 */
export function createMaintenanceScreen(
  nav: Navigator,
  deps: MaintenancePort,
  speech: (lang: Lang) => string,
): Screen {
  let report: CheckReport | undefined;
  let running = false;
  let message = '';
  let confirmRestart = false;
  const vi = (): boolean => nav.lang === 'vi';

  const check = async (): Promise<void> => {
    if (running) return;
    running = true;
    nav.refresh();
    try {
      report = await deps.runChecks();
    } finally {
      running = false;
      nav.refresh();
    }
  };
  const printReport = async (): Promise<void> => {
    if (!report) await check();
    const outcome = await deps.printReport();
    message = outcome.ok
      ? vi()
        ? 'Đã in báo cáo kỹ thuật.'
        : 'Service report printed.'
      : `${vi() ? 'Không in được' : 'Cannot print'}: ${outcome.message}${outcome.hint ? ` — ${outcome.hint}` : ''}`;
  };
  const changeVolume = async (delta: number): Promise<void> => {
    await deps.setVolume(deps.volume() + delta);
    message = `${vi() ? 'Âm lượng' : 'Volume'}: ${deps.volume()}`;
  };
  const restart = (): void => {
    if (!confirmRestart) {
      confirmRestart = true;
      message = vi() ? 'Bấm 5 lần nữa để khởi động lại.' : 'Press 5 again to restart.';
      return;
    }
    message = vi() ? 'Đang khởi động lại…' : 'Restarting…';
    deps.restart();
  };
  void check();

  return {
    name: 'maintenance',
    speech,
    describe: () => ({
      deviceId: deps.deviceId,
      addresses: deps.addresses(),
      appVersion: deps.appVersion,
      nodeVersion: deps.nodeVersion,
      running,
      exitCode: report?.exitCode ?? null,
      summary: report?.summary ?? null,
      checks: report?.checks.map((c) => ({ id: c.id, status: c.status, message: c.message })) ?? [],
      errors: deps.recentErrors(),
      volume: deps.volume(),
      message,
      confirmRestart,
    }),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const isVi = lang === 'vi';
      const ip = deps.addresses()[0] ?? (isVi ? 'không có mạng' : 'no network');
      const area = drawFrame(
        rc,
        `${isVi ? 'Bảo trì' : 'Maintenance'} — ${deps.deviceId}`,
        `${ip} · smart-kiosk ${deps.appVersion} · Node ${deps.nodeVersion}`,
      );
      // Actions in a column on the right (big enough for the large theme), results on the left.
      const columnWidth = Math.round(area.width * 0.36);
      const gap = theme.spacing * scale;
      const listArea = { ...area, width: area.width - columnWidth - gap, height: area.height - 36 * scale };
      const lineHeight = theme.size.small * scale * 1.25;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      let y = listArea.y;
      const line = (text: string, colour: string, weight: 400 | 700 = 400): void => {
        if (y + lineHeight > listArea.y + listArea.height) return;
        g.fillStyle = colour;
        g.font = font(theme.size.small * scale * 0.85, weight);
        g.fillText(text, listArea.x, y, listArea.width);
        y += lineHeight;
      };
      if (!report) line(isVi ? 'Đang kiểm tra…' : 'Checking…', theme.mutedText, 700);
      else {
        const { ok, warn, fail } = report.summary;
        line(
          `${isVi ? 'Kiểm tra' : 'Checks'}: ${ok} ok, ${warn} ${isVi ? 'cảnh báo' : 'warnings'}, ${fail} ${isVi ? 'lỗi' : 'failures'}${running ? ' …' : ''}`,
          fail ? theme.danger : theme.text,
          700,
        );
        const sorted = [...report.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
        for (const c of sorted) {
          const mark = { ok: 'OK', warn: '!!', fail: 'XX', skip: '--' }[c.status];
          line(`[${mark}] ${c.title}: ${c.message}`, c.status === 'fail' ? theme.danger : theme.text);
          if (c.hint && c.status !== 'ok' && c.status !== 'skip') line(`      → ${c.hint}`, theme.mutedText);
        }
      }
      const errors = deps.recentErrors();
      if (errors.length) {
        line(isVi ? 'Lỗi gần đây:' : 'Recent errors:', theme.text, 700);
        for (const e of errors) line(e, theme.danger);
      }
      g.fillStyle = message.includes('—') ? theme.danger : theme.text;
      g.font = font(theme.size.small * scale * 0.9, 700);
      g.fillText(message, area.x, area.y + area.height - 30 * scale, listArea.width);
      const tiles = gridCells(
        { ...area, x: area.x + area.width - columnWidth, width: columnWidth },
        5,
        1,
        6 * scale,
      );
      const actions: [string, string, () => void | Promise<void>][] = [
        ['check', isVi ? 'Kiểm tra' : 'Check', check],
        ['print-report', isVi ? 'In báo cáo' : 'Print', printReport],
        ['volume-up', isVi ? 'Loa +' : 'Volume +', () => changeVolume(10)],
        ['volume-down', isVi ? 'Loa −' : 'Volume −', () => changeVolume(-10)],
        [
          'restart',
          confirmRestart ? (isVi ? 'Xác nhận' : 'Confirm') : isVi ? 'Khởi động' : 'Restart',
          restart,
        ],
      ];
      return actions.map(([id, label, activate], i): Target => {
        const rect = tiles[i] as Target['rect'];
        drawTile(rc, rect, label, String(i + 1));
        return {
          id,
          rect,
          button: String(i + 1) as ButtonId,
          label,
          activate: () => {
            if (id !== 'restart') confirmRestart = false;
            return activate();
          },
        };
      });
    },
  };
}
