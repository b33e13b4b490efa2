import { DriverError } from '../../runtime/errors.js';
import type { PrinterStatus } from './types.js';

/**
 * DLE EOT replies. Every status byte has bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0 (mask 0x93
 * gives 0x12); anything else is noise on the line, not a status.
 */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface RawStatus {
  /** DLE EOT 1: printer status. */
  printer: number;
  /** DLE EOT 2: offline cause. */
  offline: number;
  /** DLE EOT 3: error cause. */
  error: number;
  /** DLE EOT 4: paper roll sensor. */
  paper: number;
}

export interface StatusDetail extends PrinterStatus {
  cutterError: boolean;
  unrecoverableError: boolean;
  paperFeedButton: boolean;
}

/** Decodes the four DLE EOT replies. Throws DriverError('device-fault','bad-status') on noise. */
export function parseStatus(raw: RawStatus): StatusDetail {
  for (const [name, b] of Object.entries(raw)) {
    if (!isStatusByte(b))
      throw new DriverError(
        'printer',
        'device-fault',
        'bad-status',
        `printer answered DLE EOT (${name}) with 0x${b.toString(16).padStart(2, '0')}, which is not a status byte`,
        'check the baud rate in printer.baudRate matches the printer (self-test page shows it) and that the cable is a printer cable, not a null-modem swap',
      );
  }
  const paperOut = (raw.paper & 0x60) !== 0 || (raw.offline & 0x20) !== 0;
  const nearEnd = (raw.paper & 0x0c) !== 0;
  const cutterError = (raw.error & 0x08) !== 0;
  const unrecoverableError = (raw.error & 0x20) !== 0;
  return {
    online: (raw.printer & 0x08) === 0,
    paper: paperOut ? 'out' : nearEnd ? 'near-end' : 'ok',
    coverOpen: (raw.offline & 0x04) !== 0,
    fault: cutterError || unrecoverableError || (raw.offline & 0x40) !== 0,
    cutterError,
    unrecoverableError,
    paperFeedButton: (raw.offline & 0x08) !== 0,
  };
}

/** Builds DLE EOT replies for a printer state (the mock printer answers with these). */
export function encodeStatus(state: {
  offline: boolean;
  coverOpen: boolean;
  paper: 'ok' | 'near-end' | 'out';
  cutterError: boolean;
}): RawStatus {
  const error = state.cutterError;
  return {
    printer: 0x12 | (state.offline || state.coverOpen || state.paper === 'out' || error ? 0x08 : 0),
    offline: 0x12 | (state.coverOpen ? 0x04 : 0) | (state.paper === 'out' ? 0x20 : 0) | (error ? 0x40 : 0),
    error: 0x12 | (state.cutterError ? 0x08 : 0),
    paper: 0x12 | (state.paper === 'near-end' ? 0x0c : 0) | (state.paper === 'out' ? 0x6c : 0),
  };
}

/** The DriverError a print job fails with for a status, or undefined when it can print. */
export function statusProblem(status: PrinterStatus): DriverError | undefined {
  if (status.paper === 'out')
    return new DriverError(
      'printer',
      'device-fault',
      'paper-out',
      'printer is out of paper',
      'load a new paper roll (58/80 mm thermal paper, shiny side towards the print head) and close the cover',
    );
  if (status.coverOpen)
    return new DriverError(
      'printer',
      'device-fault',
      'cover-open',
      'printer cover is open',
      'close the printer cover firmly until it clicks',
    );
  if (status.fault)
    return new DriverError(
      'printer',
      'device-fault',
      'fault',
      'printer reports an error (cutter jam or overheating)',
      'switch the printer off, clear paper from the cutter, let it cool, switch it on again',
    );
  if (!status.online)
    return new DriverError(
      'printer',
      'device-fault',
      'offline',
      'printer is offline',
      'press the printer online/feed button or power-cycle it; check the paper and cover lights',
    );
  return undefined;
}
