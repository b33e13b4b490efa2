import type { IssuedTicket, ReprintResult } from '../../domain/queue/issued-ticket.js';
import { drawFrame, drawTile, wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';

function printerProblem(code: string, lang: Lang): string {
  const vi = lang === 'vi';
  if (code === 'paper-out') return vi ? 'Máy in hết giấy.' : 'The printer is out of paper.';
  if (code === 'cover-open') return vi ? 'Nắp máy in đang mở.' : 'The printer cover is open.';
  return vi ? 'Máy in đang gặp sự cố.' : 'The printer is not working.';
}

export interface TicketScreenDeps {
  /** Prints the same ticket again (never a new number). */
  reprint(issued: IssuedTicket): Promise<ReprintResult>;
  /** Whether "In lại" is offered: the print failed and attempts are left. */
  canReprint(issued: IssuedTicket): boolean;
  /** The ticket's group and session in both languages. */
  names(issued: IssuedTicket): { group: Localized; session?: Localized };
  speech: {
    /** The number, people ahead, counters, and whether to take the paper or remember the number. */
    issued(lang: Lang, issued: IssuedTicket, canReprint: boolean): string;
    /** What a reprint gave. */
    reprinted(lang: Lang, result: ReprintResult): string;
  };
}

/**
 * Shows the issued number large, with people ahead and counters. When the printer failed, the
 * number stays on screen for a photo and "In lại" retries printing the SAME number (never a new
 * one) until it has printed once.
 */
export function createTicketScreen(nav: Navigator, deps: TicketScreenDeps, issued: IssuedTicket): Screen {
  let current = issued;
  let notice: ReprintResult | undefined;
  let retrying = false;
  const canRetry = (): boolean => deps.canReprint(current);

  const retry = async (): Promise<void> => {
    if (retrying || current.printed.ok) return;
    retrying = true;
    try {
      const result = await deps.reprint(current);
      current = 'refused' in result ? result.issued : result;
      notice = result;
      nav.repeatSpeech();
    } finally {
      retrying = false;
    }
  };

  return {
    name: 'ticket',
    speech: (lang) => {
      if (notice) {
        const text = deps.speech.reprinted(lang, notice);
        notice = undefined;
        return text;
      }
      return deps.speech.issued(lang, current, canRetry());
    },
    describe: () => ({
      ticket: current.ticket.number,
      priority: current.ticket.priority === true,
      printed: current.printed.ok,
      printAttempts: current.print?.attempts ?? null,
      printProblem: current.printed.ok ? null : current.printed.code,
      peopleAhead: current.ticket.peopleAhead,
      peopleAheadSource: current.ticket.peopleAheadSource ?? null,
    }),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const { ticket, printed } = current;
      const vi = lang === 'vi';
      const names = deps.names(current);
      const groupName = tr(names.group, lang);
      const session = names.session ? tr(names.session, lang) : '';
      const area = drawFrame(
        rc,
        ticket.priority
          ? vi
            ? 'Số ưu tiên của bạn'
            : 'Your priority number'
          : vi
            ? 'Số thứ tự của bạn'
            : 'Your queue number',
        groupName,
      );
      g.textAlign = 'center';
      g.textBaseline = 'top';
      g.fillStyle = theme.text;
      const cx = area.x + area.width / 2;
      const buttonHeight = 64 * scale;
      const gap = 12 * scale;
      const body = theme.size.body * scale;
      const small = theme.size.small * scale;
      // What to do with the paper, wrapped: a printer problem and its advice take two lines.
      const message = printed.ok
        ? vi
          ? 'Mời nhận phiếu bên dưới.'
          : 'Please take your ticket below.'
        : `${printerProblem(printed.code, lang)} ${vi ? 'Vui lòng ghi nhớ hoặc chụp ảnh số này.' : 'Please remember or photograph this number.'}`;
      g.font = font(small, printed.ok ? 400 : 700);
      const messageLines = wrapText(g, message, area.width);
      // The number takes the room the lines under it leave above the buttons.
      const below = body * 1.25 + small * 1.3 * (2 + messageLines.length);
      const room = area.height - buttonHeight - gap;
      const huge = Math.min(theme.size.huge * scale * (printed.ok ? 0.9 : 0.8), (room - below) / 1.05);
      let y = area.y;
      g.font = font(huge, 800);
      g.fillText(ticket.number, cx, y, area.width);
      y += huge * 1.05;
      g.font = font(body, 600);
      g.fillText(
        vi ? `Số người chờ trước: ${ticket.peopleAhead}` : `People ahead of you: ${ticket.peopleAhead}`,
        cx,
        y,
        area.width,
      );
      y += body * 1.25;
      // Whose count it is: the centre's queue system, or only the numbers taken at this kiosk.
      g.font = font(small, 400);
      g.fillStyle = theme.mutedText;
      g.fillText(
        ticket.peopleAheadSource === 'centre'
          ? vi
            ? '(theo hệ thống xếp hàng của trung tâm)'
            : '(from the centre’s queue system)'
          : vi
            ? '(chỉ tính các số lấy tại máy này)'
            : '(numbers taken at this kiosk only)',
        cx,
        y,
        area.width,
      );
      y += small * 1.3;
      g.fillStyle = theme.text;
      g.font = font(small, 400);
      g.fillText(
        (vi ? `Quầy số: ${ticket.counters.join(', ')}` : `Counter: ${ticket.counters.join(', ')}`) +
          (session ? (vi ? ` · Buổi: ${session}` : ` · ${session}`) : ''),
        cx,
        y,
        area.width,
      );
      y += small * 1.3;
      g.fillStyle = printed.ok ? theme.mutedText : theme.danger;
      g.font = font(small, printed.ok ? 400 : 700);
      for (const line of messageLines) {
        g.fillText(line, cx, y, area.width);
        y += small * 1.3;
      }
      const retryShown = canRetry();
      const count = retryShown ? 3 : 2;
      const w = (area.width - gap * (count - 1)) / count;
      const rect = (i: number) => ({
        x: area.x + i * (w + gap),
        y: area.y + area.height - buttonHeight,
        width: w,
        height: buttonHeight,
      });
      const repeatRect = rect(0);
      const retryRect = rect(1);
      const doneRect = rect(count - 1);
      drawTile(rc, repeatRect, vi ? 'Nghe lại' : 'Repeat', '1');
      if (retryShown) drawTile(rc, retryRect, vi ? 'In lại' : 'Reprint', '2');
      drawTile(rc, doneRect, vi ? 'Xong' : 'Done', 'ok');
      const targets: Target[] = [
        { id: 'done', rect: doneRect, button: 'ok', label: vi ? 'Xong' : 'Done', activate: () => nav.home() },
        {
          id: 'repeat',
          rect: repeatRect,
          button: '1',
          label: vi ? 'Nghe lại' : 'Repeat',
          activate: () => nav.repeatSpeech(),
        },
      ];
      if (retryShown)
        targets.push({
          id: 'retry-print',
          rect: retryRect,
          button: '2',
          label: vi ? 'In lại' : 'Reprint',
          activate: retry,
        });
      return targets;
    },
    onButton(event) {
      return event.id === 'ok' && event.action === 'press' ? (nav.home(), true) : false;
    },
  };
}
