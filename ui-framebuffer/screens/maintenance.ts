import type { ButtonId } from '../../drivers/buttons/types.js';
import { drawFrame, drawTile, gridCells } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import { CHECK_STATUS, checkFinding, checkTitle, errorLine } from '../check-words.js';
import { tr, type Lang } from '../localize.js';
import { ellipsize } from '../widgets/list.js';
import { PagedText, type TextBlock } from '../widgets/paged-text.js';
import type { Navigator, Screen, Target } from '../screen.js';
import type { Rect } from '../../drivers/display/types.js';
import type { CheckReport, CheckResult } from '../../runtime/check-result.js';

/** A fault the kiosk ran into ("08:12:05", the printer out of paper), as a failed check. */
export interface RecentError {
  /** Local time, hh:mm:ss. */
  at: string;
  check: Pick<CheckResult, 'id' | 'title' | 'status' | 'message' | 'code' | 'hint'>;
}

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
  printReport(): Promise<{ ok: true } | { ok: false; code?: string; message: string; hint?: string }>;
  /** Speaker volume 0-100. */
  volume(): number;
  setVolume(volume: number): Promise<void>;
  /** Ends the process so systemd starts it again. */
  restart(): void;
  /** Newest first, at most 10. */
  recentErrors(): readonly RecentError[];
}

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
  // A list read a line at a time: the small size (32 px in the large theme), headings part it.
  const results = new PagedText('checks', {
    size: 'small',
    lineSpacing: 1.2,
    blockGap: 0,
    keepEntries: true,
  });
  let shownContent = '';

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
    if (outcome.ok) {
      message = vi() ? 'Đã in báo cáo kỹ thuật.' : 'Service report printed.';
      return;
    }
    const found = checkFinding({ status: 'fail', ...outcome }, vi() ? 'vi' : 'en');
    message = `${vi() ? 'Không in được' : 'Cannot print'}: ${found.message ?? ''}${found.hint ? ` — ${found.hint}` : ''}`;
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
      checks:
        report?.checks.map((c) => ({ id: c.id, title: c.title, status: c.status, message: c.message })) ?? [],
      errors: deps.recentErrors().map((e) => errorLine(e, 'en')),
      volume: deps.volume(),
      message,
      confirmRestart,
      /** The results page shown (▼/▲ turn it) and its lines as drawn. */
      page: results.page + 1,
      pages: results.pages,
      lines: results.lines,
    }),
    onButton: (event) => results.onButton(event),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const isVi = lang === 'vi';
      // The addresses and versions are the list's last block: the bar keeps its room for the list.
      const area = drawFrame(rc, `${isVi ? 'Bảo trì' : 'Maintenance'} — ${deps.deviceId}`);
      // Results a page at a time (▼/▲) across the width, the last action's outcome under them,
      // the actions in two rows below (in a column beside them the results were too narrow to read).
      const gap = theme.spacing * scale;
      const actions = actionList(isVi);
      const rowHeight = Math.round(Math.max(theme.minKey, 56) * scale);
      const actionsArea: Rect = {
        ...area,
        y: area.y + area.height - 2 * rowHeight - 6 * scale,
        height: 2 * rowHeight + 6 * scale,
      };
      const resultsArea: Rect = { ...area, height: area.height - actionsArea.height - gap };
      const messageHeight = message ? Math.round(theme.size.small * scale * 1.3) : 0;
      const listArea = {
        ...resultsArea,
        height: resultsArea.height - messageHeight - (message ? gap / 2 : 0),
      };
      // New results keep the page the technician turned to.
      const blocks = [...resultBlocks(report, running, deps.recentErrors(), lang), deviceBlock(deps, lang)];
      const content = JSON.stringify(blocks);
      if (content !== shownContent) {
        const page = results.page;
        results.setContent(blocks);
        results.page = page;
        shownContent = content;
      }
      const arrows = results.render(rc, listArea);
      if (message) {
        g.textAlign = 'left';
        g.textBaseline = 'top';
        g.fillStyle = message.includes('—') ? theme.danger : theme.text;
        g.font = font(theme.size.small * scale, 700);
        g.fillText(
          ellipsize(g, message, listArea.width),
          resultsArea.x,
          resultsArea.y + resultsArea.height - messageHeight,
        );
      }
      const tiles = gridCells(actionsArea, 5, 3, 6 * scale);
      const run: Record<ActionId, () => void | Promise<void>> = {
        check,
        'print-report': printReport,
        'volume-up': () => changeVolume(10),
        'volume-down': () => changeVolume(-10),
        restart,
      };
      const buttons = actions.map(([id, label], i): Target => {
        const activate = run[id];
        const shown = id === 'restart' && confirmRestart ? (isVi ? 'Xác nhận' : 'Confirm') : label;
        const rect = tiles[i] as Target['rect'];
        drawTile(rc, rect, shown, String(i + 1));
        return {
          id,
          rect,
          button: String(i + 1) as ButtonId,
          label: shown,
          activate: () => {
            if (id !== 'restart') confirmRestart = false;
            return activate();
          },
        };
      });
      return [...buttons, ...arrows];
    },
  };
}

type ActionId = 'check' | 'print-report' | 'volume-up' | 'volume-down' | 'restart';

/** The technician's actions on buttons 1-5 and their labels (restart reads "Xác nhận" once pressed). */
function actionList(vi: boolean): [ActionId, string][] {
  return [
    ['check', vi ? 'Kiểm tra' : 'Check'],
    ['print-report', vi ? 'In báo cáo' : 'Print'],
    ['volume-up', vi ? 'Loa +' : 'Volume +'],
    ['volume-down', vi ? 'Loa −' : 'Volume −'],
    ['restart', vi ? 'Khởi động' : 'Restart'],
  ];
}

/**
 * The checks as the screen lists them: failures and warnings one by one with
 * what to do, then what passed and what was skipped, the services in one line when all run, then
 * the recent errors.
 */
function resultBlocks(
  report: CheckReport | undefined,
  running: boolean,
  errors: readonly RecentError[],
  lang: Lang,
): TextBlock[] {
  const vi = lang === 'vi';
  const blocks: TextBlock[] = [];
  if (!report) blocks.push({ text: vi ? 'Đang kiểm tra…' : 'Checking…', bold: true });
  else {
    // Each status heading carries its count ("Lỗi (1)"): no summary line above them.
    if (running) blocks.push({ text: vi ? 'Đang kiểm tra lại…' : 'Checking again…', bold: true });
    for (const status of ['fail', 'warn', 'ok', 'skip'] as const) {
      const checks = report.checks.filter((c) => c.status === status);
      if (!checks.length) continue;
      const services = checks.filter((c) => c.id.startsWith('service.'));
      // All services running: one line ("Dịch vụ: 13 đang chạy") instead of thirteen.
      const folded = status === 'ok' && services.length > 1;
      // One check a line; what to do on its own line below.
      const lines = (folded ? checks.filter((c) => !c.id.startsWith('service.')) : checks).map((c) => {
        const { message, hint } = checkFinding(c, lang);
        return `${checkTitle(c, lang)}${message ? `: ${message}` : ''}${hint ? `\n→ ${hint}` : ''}`;
      });
      if (folded)
        lines.push(vi ? `Dịch vụ: ${services.length} đang chạy` : `Services: ${services.length} running`);
      blocks.push({
        heading: `${tr(CHECK_STATUS[status], lang)} (${checks.length})`,
        text: lines.join('\n'),
        key: status,
      });
    }
  }
  if (errors.length)
    blocks.push({
      heading: vi ? 'Lỗi gần đây' : 'Recent errors',
      text: errors.map((e) => errorLine(e, lang)).join('\n'),
      key: 'errors',
    });
  return blocks;
}

/** The kiosk itself: its addresses and versions (the technician's "which one, which build"). */
function deviceBlock(deps: MaintenancePort, lang: Lang): TextBlock {
  const vi = lang === 'vi';
  const addresses = deps.addresses();
  return {
    heading: vi ? 'Thiết bị' : 'Device',
    text: [
      `${vi ? 'Mạng' : 'Network'}: ${addresses.length ? addresses.join(', ') : vi ? 'không có mạng' : 'no network'}`,
      `${vi ? 'Phiên bản' : 'Version'}: ${deps.appVersion} · Node ${deps.nodeVersion.replace(/^v/u, '')}`,
    ].join('\n'),
    key: 'device',
  };
}
