import { ticketSpeech, type IssuedTicket } from '../../runtime/queue/ticket-desk.js';
import { drawFrame, drawTile } from '../draw.js';
import { font } from '../fonts.js';
import type { Navigator, Screen, Target } from '../screen.js';

/** Shows the issued number large, with people ahead and counters; says it once (by TicketDesk). */
export function createTicketScreen(nav: Navigator, issued: IssuedTicket): Screen {
  const { ticket, printed } = issued;
  return {
    name: 'ticket',
    speech: (lang) => ticketSpeech(ticket, printed.ok, lang),
    describe: () => ({ ticket: ticket.number, printed: printed.ok }),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = drawFrame(rc, vi ? 'Số thứ tự của bạn' : 'Your queue number', ticket.groupName);
      g.textAlign = 'center';
      g.textBaseline = 'top';
      g.fillStyle = theme.text;
      const cx = area.x + area.width / 2;
      let y = area.y;
      g.font = font(theme.size.huge * scale, 800);
      g.fillText(ticket.number, cx, y, area.width);
      y += theme.size.huge * scale * 1.1;
      g.font = font(theme.size.body * scale, 600);
      g.fillText(
        vi ? `Số người chờ trước: ${ticket.peopleAhead}` : `People ahead of you: ${ticket.peopleAhead}`,
        cx,
        y,
        area.width,
      );
      y += theme.size.body * scale * 1.3;
      g.font = font(theme.size.body * scale, 400);
      g.fillText(
        vi ? `Quầy số: ${ticket.counters.join(', ')}` : `Counter: ${ticket.counters.join(', ')}`,
        cx,
        y,
        area.width,
      );
      y += theme.size.body * scale * 1.3;
      g.fillStyle = printed.ok ? theme.mutedText : theme.danger;
      g.font = font(theme.size.small * scale, printed.ok ? 400 : 700);
      g.fillText(
        printed.ok
          ? vi
            ? 'Mời nhận phiếu bên dưới.'
            : 'Please take your ticket below.'
          : vi
            ? 'Máy in đang gặp sự cố. Vui lòng ghi nhớ số thứ tự.'
            : 'The printer is not working. Please remember your number.',
        cx,
        y,
        area.width,
      );
      const buttonHeight = 64 * scale;
      const repeatRect = {
        x: area.x,
        y: area.y + area.height - buttonHeight,
        width: area.width / 2 - 8 * scale,
        height: buttonHeight,
      };
      const doneRect = { ...repeatRect, x: area.x + area.width / 2 + 8 * scale };
      drawTile(rc, repeatRect, vi ? 'Nghe lại' : 'Repeat', '1');
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
      return targets;
    },
    onButton(event) {
      return event.id === 'ok' && event.action === 'press' ? (nav.home(), true) : false;
    },
  };
}
