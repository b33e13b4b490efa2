import { z } from 'zod';
import { intIn, oneOf, text } from '../schema-helpers.js';

export const printerSection = z
  .strictObject({
    /** mock: simulator; serial: tty; usb: /dev/usb/lpN; tcp: network printer (port 9100). */
    driver: oneOf(['mock', 'serial', 'usb', 'tcp', 'none']).default('mock'),
    path: text().default('/dev/usb/lp0'),
    baudRate: intIn(1200, 921_600).default(115_200),
    host: text().default('192.168.1.100'),
    port: intIn(1, 65_535).default(9100),
    /** Paper width in millimetres: 58 mm = 384 dots, 80 mm = 576 dots. */
    paperWidth: oneOf([58, 80]).default(80),
    /** Text-mode code page (receipts are raster; text mode is for printers that have WPC1258). */
    codePage: oneOf(['wpc1258', 'pc437']).default('wpc1258'),
    /** ESC t number of that code page on this printer model (Epson WPC1258 = 52). */
    codePageNumber: intIn(0, 255).default(52),
    /** Open/status timeout in ms; writes add time for the job size. */
    timeoutMs: intIn(200, 60_000).default(3000),
  })
  .prefault({});

export const scannerSection = z
  .strictObject({
    driver: oneOf(['mock', 'serial', 'evdev', 'none']).default('mock'),
    path: text().default('/dev/ttyACM1'),
    baudRate: intIn(1200, 921_600).default(9600),
    /** evdev: the scanner's input device (prefer the stable /dev/input/by-id/...-event-kbd link). */
    device: text().default('/dev/input/event1'),
    /** evdev: keyboard layout the scanner is set to. */
    layout: oneOf(['us']).default('us'),
    /** Longest accepted read in bytes; longer reads are rejected as garbage. */
    maxLength: intIn(16, 65_536).default(4096),
    /** evdev: reads whose keys are further apart than this (ms) were typed by a person. */
    burstMaxGapMs: intIn(5, 1000).default(35),
  })
  .prefault({});

export const audioSection = z
  .strictObject({
    driver: oneOf(['mock', 'alsa', 'none']).default('mock'),
    /** ALSA device names for aplay/arecord. */
    playbackDevice: text().default('default'),
    captureDevice: text().default('default'),
    /** amixer simple control that sets the volume ("amixer scontrols" lists them). */
    mixerControl: text().default('Master'),
    /** amixer card number or name; empty = default card. */
    mixerCard: text().default(''),
  })
  .prefault({});

/** The A4 printer for e-forms (tờ khai): an IPP Everywhere printer or CUPS, over IPP. */
export const documentPrinterSection = z
  .strictObject({
    /** ipp: a printer or CUPS queue at `uri`; mock: the simulator keeps the PDFs in memory; none: no A4 printer. */
    driver: oneOf(['ipp', 'mock', 'none']).default('mock'),
    /** ipp://HOST:631/ipp/print (IPP Everywhere) or ipp://localhost:631/printers/QUEUE (CUPS). */
    uri: text().default('ipp://localhost:631/printers/a4'),
    /** Longest wait for the printer to accept a job or answer a status request. */
    timeoutMs: intIn(500, 120_000).default(15_000),
    /**
     * How long a job is tried again while the printer answers busy (printing another job), with
     * waits from 0.2 s doubling to 3.2 s; then the citizen is told to try again or hand it in.
     */
    busyRetrySeconds: intIn(0, 300).default(20),
  })
  .prefault({});
