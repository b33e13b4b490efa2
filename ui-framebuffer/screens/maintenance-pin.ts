import type { ButtonId } from '../../drivers/buttons/types.js';
import { drawFrame, drawTile, gridCells, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Logger } from '../../runtime/logger.js';
import type { Lang } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';

/** What a PIN attempt gave. */
export type PinVerdict =
  | { result: 'ok' }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked'; seconds: number }
  | { result: 'no-pin' };

/** The maintenance PIN check (technician/maintenance/maintenance-gate.ts). */
export interface MaintenancePinPort {
  tryPin(pin: string): PinVerdict;
  /** Seconds until PIN entry unlocks after repeated wrong PINs (0: not locked). */
  lockSeconds(): number;
  log: Logger;
}

const MAX_DIGITS = 8;

/**
 * PIN entry for the maintenance screen: number buttons 1-9 (or the on-screen keypad) type digits,
 * BACK deletes one (or leaves when empty), OK checks the PIN. Digits are never shown or spoken.
 */
export function createMaintenancePinScreen(
  nav: Navigator,
  deps: MaintenancePinPort,
  speech: (lang: Lang) => string,
): Screen {
  let pin = '';
  let message = '';
  const submit = (): void => {
    const verdict = deps.tryPin(pin);
    pin = '';
    const vi = nav.lang === 'vi';
    switch (verdict.result) {
      case 'ok':
        deps.log.info('maintenance screen opened (PIN accepted)');
        nav.open('maintenance', undefined, { replace: true });
        return;
      case 'wrong':
        deps.log.warn({ attemptsLeft: verdict.attemptsLeft }, 'wrong maintenance PIN');
        message = vi
          ? `Sai mã PIN. Còn ${verdict.attemptsLeft} lần thử.`
          : `Wrong PIN. ${verdict.attemptsLeft} tries left.`;
        break;
      case 'locked':
        deps.log.warn({ seconds: verdict.seconds }, 'maintenance PIN entry locked after repeated wrong PINs');
        message = vi ? `Tạm khoá ${verdict.seconds} giây.` : `Locked for ${verdict.seconds} seconds.`;
        break;
      case 'no-pin':
        message = vi
          ? 'Chưa đặt mã PIN. Chạy: kiosk provision --pin'
          : 'No PIN set. Run: kiosk provision --pin';
        break;
    }
    nav.refresh();
  };
  const type = (digit: string): void => {
    if (pin.length < MAX_DIGITS) pin += digit;
    message = '';
  };
  return {
    name: 'maintenance-pin',
    speech,
    describe: () => ({ digits: pin.length, message, lockedSeconds: deps.lockSeconds() }),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = drawFrame(rc, vi ? 'Bảo trì kỹ thuật' : 'Maintenance', vi ? 'Nhập mã PIN' : 'Enter PIN');
      const left = { ...area, width: area.width * 0.42 };
      g.textAlign = 'center';
      g.textBaseline = 'top';
      g.fillStyle = theme.text;
      g.font = font(theme.size.huge * 0.5 * scale, 800);
      g.fillText(
        pin.length ? '●'.repeat(pin.length) : '_ _ _ _',
        left.x + left.width / 2,
        left.y + 20 * scale,
        left.width,
      );
      g.font = font(theme.size.small * scale, 600);
      g.fillStyle = message ? theme.danger : theme.mutedText;
      const locked = deps.lockSeconds();
      const line =
        message ||
        (locked > 0
          ? vi
            ? `Tạm khoá ${locked} giây.`
            : `Locked for ${locked} s.`
          : vi
            ? 'Bấm OK để xác nhận'
            : 'Press OK to confirm');
      // Wrapped, never squeezed: "Sai mã PIN. Còn 2 lần thử." takes two lines.
      wrapText(g, line, left.width).forEach((l, i) =>
        g.fillText(l, left.x + left.width / 2, left.y + 110 * scale + i * theme.size.small * scale * 1.25),
      );
      const pad = area.width * 0.45;
      const keys = gridCells({ ...area, x: area.x + pad, width: area.width - pad }, 12, 3, 8 * scale);
      const targets: Target[] = [];
      for (let d = 1; d <= 9; d++) {
        const rect = keys[d - 1] as Target['rect'];
        drawTile(rc, rect, String(d));
        targets.push({
          id: `key-${d}`,
          rect,
          button: String(d) as ButtonId,
          label: vi ? 'phím số' : 'digit key',
          activate: () => type(String(d)),
        });
      }
      const del = keys[9] as Target['rect'];
      drawTile(rc, del, vi ? 'Xoá' : 'Del');
      targets.push({
        id: 'delete',
        rect: del,
        label: vi ? 'Xoá' : 'Delete',
        activate: () => void (pin = pin.slice(0, -1)),
      });
      const exit = keys[10] as Target['rect'];
      drawTile(rc, exit, vi ? 'Thoát' : 'Exit');
      targets.push({ id: 'exit', rect: exit, label: vi ? 'Thoát' : 'Exit', activate: () => nav.home() });
      const ok = keys[11] as Target['rect'];
      drawTile(rc, ok, 'OK');
      targets.push({ id: 'submit', rect: ok, button: 'ok', label: 'OK', activate: submit });
      return targets;
    },
    onButton(event) {
      if (event.action !== 'press') return false;
      if (event.id === 'ok') return (submit(), true);
      if (event.id === 'back' && pin.length > 0) return ((pin = pin.slice(0, -1)), true);
      return false;
    },
    leave() {
      pin = '';
    },
  };
}
