import { EscPosPrinter } from '../drivers/printer/escpos-printer.js';
import type { Clock } from '../runtime/clock.js';
import { MemoryTransport } from './memory-transport.js';
import { PrinterFirmware, type MockReceiptOut } from './printer-firmware.js';

/**
 * The simulator's printer: the real ESC/POS driver (EscPosPrinter) on an in-memory cable to the
 * byte-level PrinterFirmware, so every status poll, refusal and error code is the driver's own.
 * The fault switches below set the firmware's state (what its DLE EOT replies say) or pull the
 * cable; receipts are what the firmware received, decoded to PNGs.
 */
export class MockPrinter extends EscPosPrinter {
  readonly firmware: PrinterFirmware;
  private readonly link: MemoryTransport;
  private nearEndSwitch = false;

  constructor(widthDots: number, clock: Clock, keep = 50) {
    const firmware = new PrinterFirmware(widthDots, undefined, clock, keep);
    const link = new MemoryTransport(firmware);
    super(link, { kind: 'mock', widthDots });
    this.firmware = firmware;
    this.link = link;
  }

  get receipts(): readonly MockReceiptOut[] {
    return this.firmware.receipts;
  }

  get lastReceipt(): MockReceiptOut | undefined {
    return this.firmware.lastReceipt;
  }

  get paperOut(): boolean {
    return this.firmware.paper === 'out';
  }

  set paperOut(out: boolean) {
    this.firmware.paper = out ? 'out' : this.nearEndSwitch ? 'near-end' : 'ok';
  }

  get nearEnd(): boolean {
    return this.nearEndSwitch;
  }

  set nearEnd(nearEnd: boolean) {
    this.nearEndSwitch = nearEnd;
    if (!this.paperOut) this.firmware.paper = nearEnd ? 'near-end' : 'ok';
  }

  get coverOpen(): boolean {
    return this.firmware.coverOpen;
  }

  set coverOpen(open: boolean) {
    this.firmware.coverOpen = open;
  }

  /** Cutter jam or overheating. */
  get fault(): boolean {
    return this.firmware.cutterError;
  }

  set fault(fault: boolean) {
    this.firmware.cutterError = fault;
  }

  get offline(): boolean {
    return this.firmware.offline;
  }

  set offline(offline: boolean) {
    this.firmware.offline = offline;
  }

  get unplugged(): boolean {
    return this.link.unplugged;
  }

  set unplugged(unplugged: boolean) {
    this.link.unplugged = unplugged;
  }

  /** Jobs the roll still has paper for (see PrinterFirmware.paperLeftJobs). Undefined = endless. */
  get paperLeftJobs(): number | undefined {
    return this.firmware.paperLeftJobs;
  }

  set paperLeftJobs(jobs: number | undefined) {
    this.firmware.paperLeftJobs = jobs;
    this.firmware.paperLeftBytes = undefined;
  }
}
