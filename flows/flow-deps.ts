import type { KeyObject } from 'node:crypto';
import type { FormLibrary } from '../domain/forms/form-library.js';
import type { FormPdfRenderer } from '../domain/forms/pdf-renderer.js';
import type { Session } from '../domain/session.js';
import type { EventRecorder } from '../domain/telemetry/event-recorder.js';
import type { DocumentPrinter } from '../drivers/document-printer/types.js';
import type { Logger } from '../runtime/logger.js';
import type { CatalogService } from '../domain/catalog/catalog-service.js';
import type { PrintService } from '../domain/printing/print-service.js';
import type { DossierService } from '../domain/dossier/dossier-service.js';
import type { IdentityService } from '../domain/identity/identity-service.js';
import type { QueueService } from '../domain/queue/queue-service.js';
import type { RatingService } from '../domain/rating/rating-service.js';
import type { Clock } from '../runtime/clock.js';
import type { KioskConfig } from '../runtime/config/schema.js';
import type { HomeEntry } from '../ui-framebuffer/screens/home.js';
import type { MaintenancePinPort } from '../ui-framebuffer/screens/maintenance-pin.js';
import type { MaintenancePort } from '../ui-framebuffer/screens/maintenance.js';
import type { TicketDesk } from './ticket-desk.js';

/** What the citizen flows use. Built once in app/compose.ts. */
export interface FlowDeps {
  config: KioskConfig;
  clock: Clock;
  queue: QueueService;
  desk: TicketDesk;
  identity: IdentityService;
  dossiers: DossierService;
  ratings: RatingService;
  /** The loaded catalog, or undefined while loading / when it failed (see catalogError). */
  catalog(): CatalogService | undefined;
  catalogError(): string | undefined;
  /** Resolves when the first catalog load has ended (loaded, or failed: see catalogError). */
  catalogReady(): Promise<void>;
  /**
   * Tells the technician's side that a citizen's action failed: a storage problem (disk full,
   * damaged or read-only database) fails the storage service at once. Returns its kind, if it was one.
   */
  reportFailure(err: unknown): string | undefined;
  /** The thermal printer, for prints other than tickets (the assistant's checklist). */
  printing?: Pick<PrintService, 'print' | 'widthDots'>;
  /** E-forms (tờ khai): the templates, the A4 printer, the handoff key; absent: no forms offered. */
  forms?: FormDeps;
  /** Home menu entries, in order; features append theirs in compose. */
  homeEntries: HomeEntry[];
  /** The technician's maintenance screens (technician/maintenance implements them). */
  maintenance: { pin: MaintenancePinPort; panel: MaintenancePort };
}

/** What the form flows need besides the other flows' deps (built in app/compose.ts). */
export interface FormDeps {
  library: FormLibrary;
  /** The A4 printer; undefined or driver none: the form goes to the counter by the slip only. */
  documentPrinter?: DocumentPrinter;
  /** Signs the counter-handoff QR (the kiosk's handoff key). */
  handoffKey(): KeyObject | undefined;
  /** The citizen's session: the form lives there and is forgotten with it. */
  session: Session;
  recorder: Pick<EventRecorder, 'event'>;
  log: Logger;
  /** Renders the A4 documents in its own thread (and warms it when a form opens). */
  pdf: Pick<FormPdfRenderer, 'render' | 'warm' | 'warmed'>;
}
