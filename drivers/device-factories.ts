import type { AudioOutput } from './audio/types.js';
import type { ButtonInput } from './buttons/types.js';
import type { DisplayDriver } from './display/types.js';
import type { DocumentPrinter } from './document-printer/types.js';
import type { Printer } from './printer/types.js';
import type { Scanner } from './scanner/types.js';
import type { TouchInput } from './touch/types.js';

/**
 * The configured devices as factories: each call builds a fresh, unopened driver for the kind
 * the config names. app/hardware.ts implements it from config (mocks included); the technician
 * tools (doctor, maintenance) receive it, so they open devices exactly as the kiosk would.
 */
export interface DeviceFactories {
  display(): DisplayDriver;
  buttons(): ButtonInput;
  touch(): TouchInput;
  printer(): Printer;
  documentPrinter(): DocumentPrinter;
  scanner(): Scanner;
  audio(): AudioOutput;
}
