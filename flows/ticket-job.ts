import { EscPos, toMonoImage } from '../drivers/printer/escpos.js';
import type { Ticket } from '../domain/queue/ticket.js';
import { renderTicketImage, type TicketReceiptOptions } from '../ui-framebuffer/receipts/ticket-receipt.js';

/** The complete ESC/POS job for a ticket: init, the rendered receipt as raster, feed, cut. */
export function ticketJob(ticket: Ticket, options: TicketReceiptOptions): Uint8Array {
  const image = renderTicketImage(ticket, options);
  return new EscPos()
    .init()
    .raster(toMonoImage(image.rgba, image.width, image.height))
    .feed(3)
    .cut()
    .bytes();
}
