import type { ButtonEvent } from '../drivers/buttons/types.js';
import type { PrinterStatus } from '../drivers/printer/types.js';
import type { TouchEvent } from '../drivers/touch/types.js';
import type { ScanEvent, ScanRejected } from '../drivers/scanner/types.js';
import type { Ticket } from './queue/ticket.js';
import type { ServiceStatus } from '../runtime/service-manager.js';
import type { OutboxMessage } from './telemetry/outbox.js';

/**
 * How long each step of a frame took, in ms: drawing (the screen's code and canvas calls), reading
 * the pixels back (where the canvas rasterises), comparing them with the frame before, and the
 * display's conversion, rotation and write.
 */
export interface FrameStages {
  draw: number;
  read: number;
  diff: number;
  present: number;
}

/**
 * Every event on the kiosk's bus, by name. The bus itself (`runtime/event-bus.ts`) is generic and
 * knows no payloads; this map names the kiosk's events, whose payloads are driver readings and
 * domain records, so it lives here, above both, and is passed as `EventBus<KioskEvents>`.
 */
export interface KioskEvents {
  'input.button': ButtonEvent;
  'input.touch': TouchEvent;
  'input.scan': ScanEvent;
  /** A scanner read refused as garbage (reason and size only, never the content). */
  'input.scan-rejected': ScanRejected;
  'ui.screen': { screen: string; previous: string | undefined };
  /**
   * A frame reached the display: `redraw` says whether the screen was drawn whole or only in
   * regions (a focus move, the minute tick), `stages` what each step took.
   */
  'ui.frame': {
    seq: number;
    width: number;
    height: number;
    dirtyArea: number;
    redraw: 'full' | 'regions';
    stages: FrameStages;
  };
  'session.ended': { reason: 'idle' | 'home' | 'done' };
  /** A number was committed (its people-ahead is the kiosk's own count). */
  'ticket.issued': Ticket;
  /**
   * A ticket as handed to the citizen, after printing: its people-ahead is the count the screen,
   * the receipt and the voice give (the centre's when it answered, with peopleAheadSource).
   */
  'ticket.delivered': Ticket;
  'printer.printed': { jobId: number; purpose: string; bytes: number };
  'printer.failed': { purpose: string; code: string; message: string; hint?: string };
  /** The printer's status changed (paper, cover, online, fault), as polled around each job. */
  'printer.status': PrinterStatus;
  'voice.spoken': { id: number; text: string; lang: string; key?: string; at: number };
  /** The WAV of utterance `id` is ready (simulator: GET /api/speech/<id>.wav). */
  'voice.audio': { id: number; bytes: number };
  'outbox.queued': OutboxMessage;
  'service.state': ServiceStatus;
  /** Something the status shows as needing a technician changed (catalog source, clock). */
  'kiosk.condition': { part: string; state: string };
  /** The kiosk switches to app release `version` now and restarts (domain/release/release-updater.ts). */
  'app.switching': { version: string; from: string | null };
  /** The fleet installed a catalog file (or rolled back to one); the catalog service reloads it. */
  'catalog.updated': { path: string; version: string; previousVersion: string | null };
}
