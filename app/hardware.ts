/**
 * Config → driver: the one place that maps each `config.*.driver` value to the class that
 * implements it, real drivers and simulator mocks alike. It is the only production file that
 * imports hardware-mocks/ (enforced by lint:deps); everything else receives drivers built here.
 */
import type { Clock } from '../runtime/clock.js';
import type { KioskConfig } from '../runtime/config/schema.js';
import { createLogger } from '../runtime/logger.js';
import { AlsaAudio } from '../drivers/audio/alsa-audio.js';
import { NoAudio } from '../drivers/audio/no-audio.js';
import type { AudioOutput } from '../drivers/audio/types.js';
import { buttonTiming } from '../drivers/buttons/button-logic.js';
import { FirmataButtons } from '../drivers/buttons/firmata-buttons.js';
import { GpioButtons } from '../drivers/buttons/gpio-buttons.js';
import type { ButtonInput } from '../drivers/buttons/types.js';
import type { DeviceFactories } from '../drivers/device-factories.js';
import { FbdevDisplay } from '../drivers/display/fbdev.js';
import { FileDisplay } from '../drivers/display/file.js';
import { PngSnapshotDisplay } from '../drivers/display/png-snapshot.js';
import { deviceSize } from '../drivers/display/rotation.js';
import type { DisplayDriver } from '../drivers/display/types.js';
import { ArecordMic, type MicInput } from '../drivers/microphone/arecord-mic.js';
import { EscPosPrinter } from '../drivers/printer/escpos-printer.js';
import { NoPrinter } from '../drivers/printer/no-printer.js';
import { IppPrinter } from '../drivers/document-printer/ipp-printer.js';
import { NoDocumentPrinter } from '../drivers/document-printer/no-document-printer.js';
import type { DocumentPrinter } from '../drivers/document-printer/types.js';
import { MockDocumentPrinter } from '../hardware-mocks/document-printer.js';
import { SerialTransport } from '../drivers/printer/serial-transport.js';
import { TcpTransport } from '../drivers/printer/tcp-transport.js';
import type { PrinterTransport } from '../drivers/printer/transport.js';
import type { Printer } from '../drivers/printer/types.js';
import { UsbLpTransport } from '../drivers/printer/usb-lp-transport.js';
import { EvdevScanner } from '../drivers/scanner/evdev-scanner.js';
import { NoScanner } from '../drivers/scanner/no-scanner.js';
import { SerialScanner } from '../drivers/scanner/serial-scanner.js';
import type { Scanner } from '../drivers/scanner/types.js';
import { EvdevTouch } from '../drivers/touch/evdev.js';
import { defaultRecordSize } from '../drivers/touch/evdev-parser.js';
import { NoTouch } from '../drivers/touch/no-touch.js';
import type { TouchInput } from '../drivers/touch/types.js';
import { unavailableDriver } from '../drivers/unavailable.js';
import { MockAudio } from '../hardware-mocks/audio.js';
import { MockButtons } from '../hardware-mocks/buttons.js';
import { MockDisplay } from '../hardware-mocks/display.js';
import { MockMic } from '../hardware-mocks/microphone.js';
import { MockPrinter } from '../hardware-mocks/printer.js';
import { MockScanner } from '../hardware-mocks/scanner.js';
import { MockTouch } from '../hardware-mocks/touch.js';

export type { MockDisplay, MockDocumentPrinter, MockPrinter, MockScanner };

export function createDisplay(config: KioskConfig['display']): DisplayDriver {
  const size = deviceSize(config.width, config.height, config.rotation);
  switch (config.driver) {
    case 'mock':
      return new MockDisplay(size.width, size.height);
    case 'fbdev':
      return new FbdevDisplay({
        device: config.device,
        format: config.pixelFormat,
        ...(config.sysfsDir ? { sysfsDir: config.sysfsDir } : {}),
        ...(config.backlight ? { backlightDir: config.backlight } : {}),
      });
    case 'file':
      return new FileDisplay({
        file: config.file,
        width: size.width,
        height: size.height,
        format: config.pixelFormat === 'auto' ? 'rgb565le' : config.pixelFormat,
      });
    case 'png':
      return new PngSnapshotDisplay(config.file, size.width, size.height);
    default:
      return unavailableDriver('display.driver', config.driver, ['mock', 'fbdev', 'file', 'png']);
  }
}

export function createButtons(config: KioskConfig['input']['buttons'], clock: Clock): ButtonInput {
  switch (config.driver) {
    case 'mock':
      return new MockButtons(clock);
    case 'gpio':
      return new GpioButtons(
        {
          sysfsRoot: config.sysfsRoot,
          chipLabel: config.gpioChip,
          pins: config.pins,
          leds: config.leds,
          timing: buttonTiming(config),
        },
        clock,
      );
    case 'firmata':
      return new FirmataButtons(
        {
          path: config.port,
          baudRate: config.baudRate,
          pins: config.pins,
          leds: config.leds,
          pullUp: config.pullUp,
          timing: buttonTiming(config),
        },
        clock,
      );
  }
}

/** The touch panel; `display` gives the panel size in device pixels (800x480 without it). */
export function createTouch(
  config: KioskConfig['input']['touch'],
  clock: Clock,
  display?: KioskConfig['display'],
): TouchInput {
  switch (config.driver) {
    case 'mock':
      return new MockTouch(clock);
    case 'none':
      return new NoTouch();
    case 'evdev': {
      const panel = display
        ? deviceSize(display.width, display.height, display.rotation)
        : { width: 800, height: 480 };
      const cal = config.calibration;
      return new EvdevTouch(
        {
          device: config.device,
          width: panel.width,
          height: panel.height,
          calibration: {
            ...cal,
            maxX: cal.maxX ?? (cal.swapXY ? panel.height : panel.width) - 1,
            maxY: cal.maxY ?? (cal.swapXY ? panel.width : panel.height) - 1,
          },
        },
        createLogger('touch'),
        clock,
      );
    }
    default:
      return unavailableDriver('input.touch.driver', config.driver, ['mock', 'evdev', 'none']);
  }
}

export function paperWidthDots(paperWidthMm: 58 | 80): number {
  return paperWidthMm === 58 ? 384 : 576;
}

/** The byte transport for a real printer driver; undefined for mock/none. */
export function createPrinterTransport(config: KioskConfig['printer']): PrinterTransport | undefined {
  switch (config.driver) {
    case 'serial':
      return new SerialTransport(config.path, config.baudRate);
    case 'usb':
      return new UsbLpTransport(config.path);
    case 'tcp':
      return new TcpTransport(config.host, config.port);
    default:
      return undefined;
  }
}

export function createPrinter(config: KioskConfig['printer'], clock: Clock): Printer {
  if (config.driver === 'mock') return new MockPrinter(paperWidthDots(config.paperWidth), clock);
  if (config.driver === 'none') return new NoPrinter(paperWidthDots(config.paperWidth));
  const transport = createPrinterTransport(config);
  if (!transport) return unavailableDriver('printer.driver', config.driver, ['mock', 'serial', 'usb', 'tcp']);
  return new EscPosPrinter(transport, {
    kind: config.driver,
    widthDots: paperWidthDots(config.paperWidth),
    timeoutMs: config.timeoutMs,
  });
}

/** The A4 printer for forms, from config `documentPrinter.driver`. */
export function createDocumentPrinter(config: KioskConfig['documentPrinter']): DocumentPrinter {
  switch (config.driver) {
    case 'ipp':
      return new IppPrinter(config.uri, { timeoutMs: config.timeoutMs });
    case 'mock':
      return new MockDocumentPrinter();
    case 'none':
      return new NoDocumentPrinter();
  }
}

export function createScanner(config: KioskConfig['scanner'], clock: Clock): Scanner {
  switch (config.driver) {
    case 'mock':
      return new MockScanner(clock);
    case 'serial':
      return new SerialScanner(
        { path: config.path, baudRate: config.baudRate, maxLength: config.maxLength },
        clock,
      );
    case 'evdev':
      return new EvdevScanner(
        {
          device: config.device,
          layout: config.layout,
          eventSize: defaultRecordSize(),
          maxLength: config.maxLength,
          burstMaxGapMs: config.burstMaxGapMs,
        },
        clock,
      );
    case 'none':
      return new NoScanner();
  }
}

/** Sound output, from config `audio.driver`. */
export function createAudio(config: KioskConfig['audio']): AudioOutput {
  switch (config.driver) {
    case 'mock':
      return new MockAudio();
    case 'alsa':
      return new AlsaAudio({
        device: config.playbackDevice,
        mixerControl: config.mixerControl,
        mixerCard: config.mixerCard,
      });
    case 'none':
      return new NoAudio();
  }
}

/** The microphone for push-to-talk, from config `audio.driver` (alsa: arecord on captureDevice). */
export function createMic(config: KioskConfig['audio']): MicInput {
  switch (config.driver) {
    case 'alsa':
      return new ArecordMic(config.captureDevice);
    case 'mock':
    case 'none':
      return new MockMic();
  }
}

/** Every configured device as a factory (for the doctor and the maintenance tools). */
export function deviceFactories(config: KioskConfig, clock: Clock): DeviceFactories {
  return {
    display: () => createDisplay(config.display),
    buttons: () => createButtons(config.input.buttons, clock),
    touch: () => createTouch(config.input.touch, clock, config.display),
    printer: () => createPrinter(config.printer, clock),
    documentPrinter: () => createDocumentPrinter(config.documentPrinter),
    scanner: () => createScanner(config.scanner, clock),
    audio: () => createAudio(config.audio),
  };
}

/**
 * The simulator's handles on the mock hardware the kiosk runs on: each is undefined when that
 * device has a real driver (the simulator API then answers 409).
 */
export function simulatedHardware(drivers: {
  display?: DisplayDriver;
  printer?: Printer;
  scanner?: Scanner;
  documentPrinter?: DocumentPrinter | undefined;
}): {
  display?: MockDisplay;
  printer?: MockPrinter;
  scanner?: MockScanner;
  documentPrinter?: MockDocumentPrinter;
} {
  return {
    ...(drivers.documentPrinter instanceof MockDocumentPrinter
      ? { documentPrinter: drivers.documentPrinter }
      : {}),
    ...(drivers.display instanceof MockDisplay ? { display: drivers.display } : {}),
    ...(drivers.printer instanceof MockPrinter ? { printer: drivers.printer } : {}),
    ...(drivers.scanner instanceof MockScanner ? { scanner: drivers.scanner } : {}),
  };
}
