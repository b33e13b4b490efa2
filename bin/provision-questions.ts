import type { KioskConfig } from '../runtime/config/schema.js';
import type { ProvisionAnswers } from '../technician/provision/answers.js';

type Key = Exclude<keyof ProvisionAnswers, 'set'>;

/** One provisioning setting: its flag, its prompt, and the config paths it sets. */
export interface Question {
  key: Key;
  flag: string;
  prompt: string;
  /** Config paths whose validation problems belong to this question. */
  paths: string[];
  /** Current value, shown as the default. */
  current(config: KioskConfig): string;
  /** Ask only when true (e.g. TLS files only with a broker). */
  when?(config: KioskConfig): boolean;
  list?: boolean;
  number?: boolean;
  /** Never echo the value back (summary, logs). */
  secret?: boolean;
}

const fleetOn = (c: KioskConfig): boolean => c.fleet.enabled;

export const QUESTIONS: Question[] = [
  {
    key: 'deviceId',
    flag: '--device-id <id>',
    prompt: 'Device id (lower-case letters, digits, dashes; e.g. hn-bavi-01)',
    paths: ['device.id'],
    current: (c) => c.device.id,
  },
  {
    key: 'agency',
    flag: '--agency <name>',
    prompt: 'Agency (printed on tickets)',
    paths: ['device.agency'],
    current: (c) => c.device.agency,
  },
  {
    key: 'centre',
    flag: '--centre <name>',
    prompt: 'Centre name',
    paths: ['device.centre'],
    current: (c) => c.device.centre,
  },
  {
    key: 'fleetGroups',
    flag: '--fleet-groups <list>',
    prompt: 'Fleet groups (comma-separated, e.g. ha-noi,ba-vi)',
    paths: ['device.groups'],
    current: (c) => c.device.groups.join(','),
    list: true,
  },
  {
    key: 'serviceGroups',
    flag: '--service-group <spec...>',
    prompt: 'Service groups, ";"-separated PREFIX:id:Name:counters',
    paths: ['queue.groups'],
    current: (c) =>
      c.queue.groups.map((g) => `${g.prefix}:${g.id}:${g.name}:${g.counters.join(',')}`).join(';'),
    list: true,
  },
  {
    key: 'broker',
    flag: '--broker <url>',
    prompt: 'Fleet MQTT broker (mqtts://host:8883, or "none")',
    paths: ['fleet.broker', 'fleet.enabled'],
    current: (c) => (c.fleet.enabled ? c.fleet.broker : 'none'),
  },
  {
    key: 'username',
    flag: '--username <name>',
    prompt: 'MQTT username (empty: none)',
    paths: ['fleet.username'],
    current: (c) => c.fleet.username ?? '',
    when: fleetOn,
  },
  {
    key: 'password',
    flag: '--password <secret>',
    prompt: 'MQTT password (empty: keep)',
    paths: ['fleet.password'],
    current: () => '',
    when: fleetOn,
    secret: true,
  },
  {
    key: 'ca',
    flag: '--ca <file>',
    prompt: 'CA certificate file (PEM)',
    paths: ['fleet.ca'],
    current: (c) => c.fleet.ca ?? '',
    when: fleetOn,
  },
  {
    key: 'cert',
    flag: '--cert <file>',
    prompt: 'Client certificate file (PEM, mutual TLS)',
    paths: ['fleet.cert'],
    current: (c) => c.fleet.cert ?? '',
    when: fleetOn,
  },
  {
    key: 'key',
    flag: '--key <file>',
    prompt: 'Client private key file (PEM)',
    paths: ['fleet.key'],
    current: (c) => c.fleet.key ?? '',
    when: fleetOn,
  },
  {
    key: 'fleetPublicKey',
    flag: '--fleet-public-key <file>',
    prompt: 'Fleet public key (Ed25519 PEM) that signs commands',
    paths: ['fleet.fleetPublicKey'],
    current: (c) => c.fleet.fleetPublicKey ?? '',
    when: fleetOn,
  },
  {
    key: 'display',
    flag: '--display <driver>',
    prompt: 'Display driver (fbdev, file, mock)',
    paths: ['display.driver'],
    current: (c) => c.display.driver,
  },
  {
    key: 'fbDevice',
    flag: '--fb-device <path>',
    prompt: 'Framebuffer device',
    paths: ['display.device'],
    current: (c) => c.display.device,
    when: (c) => c.display.driver === 'fbdev',
  },
  {
    key: 'width',
    flag: '--width <px>',
    prompt: 'Screen width (pixels, before rotation)',
    paths: ['display.width'],
    current: (c) => String(c.display.width),
    number: true,
  },
  {
    key: 'height',
    flag: '--height <px>',
    prompt: 'Screen height',
    paths: ['display.height'],
    current: (c) => String(c.display.height),
    number: true,
  },
  {
    key: 'rotation',
    flag: '--rotation <deg>',
    prompt: 'Rotation (0, 90, 180, 270)',
    paths: ['display.rotation'],
    current: (c) => String(c.display.rotation),
    number: true,
  },
  {
    key: 'touch',
    flag: '--touch <driver>',
    prompt: 'Touch driver (evdev, none, mock)',
    paths: ['input.touch.driver'],
    current: (c) => c.input.touch.driver,
  },
  {
    key: 'touchDevice',
    flag: '--touch-device <path>',
    prompt: 'Touch input device (/dev/input/by-id/... or /dev/kiosk-touch)',
    paths: ['input.touch.device'],
    current: (c) => c.input.touch.device,
    when: (c) => c.input.touch.driver === 'evdev',
  },
  {
    key: 'touchAxes',
    flag: '--touch-axes <spec>',
    prompt: 'Touch axes: minX,maxX,minY,maxY[,swap][,invert-x][,invert-y] (evtest shows the ranges)',
    paths: ['input.touch.calibration'],
    current: (c) => {
      const k = c.input.touch.calibration;
      const flags = [k.swapXY ? 'swap' : '', k.invertX ? 'invert-x' : '', k.invertY ? 'invert-y' : ''].filter(
        Boolean,
      );
      return k.maxX === undefined || k.maxY === undefined
        ? ''
        : [k.minX, k.maxX, k.minY, k.maxY, ...flags].join(',');
    },
    when: (c) => c.input.touch.driver === 'evdev',
  },
  {
    key: 'buttons',
    flag: '--buttons <driver>',
    prompt: 'Buttons driver (gpio, firmata, mock)',
    paths: ['input.buttons.driver'],
    current: (c) => c.input.buttons.driver,
  },
  {
    key: 'buttonPins',
    flag: '--button-pins <map>',
    prompt: 'Button pins (e.g. 1=5,2=6,3=13,4=19,up=26,down=16,ok=20,back=21)',
    paths: ['input.buttons.pins'],
    current: (c) =>
      Object.entries(c.input.buttons.pins)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    when: (c) => c.input.buttons.driver !== 'mock',
  },
  {
    key: 'buttonsPort',
    flag: '--buttons-port <path>',
    prompt: 'Firmata board serial port',
    paths: ['input.buttons.port'],
    current: (c) => c.input.buttons.port,
    when: (c) => c.input.buttons.driver === 'firmata',
  },
  {
    key: 'printer',
    flag: '--printer <driver>',
    prompt: 'Printer driver (serial, usb, tcp, none, mock)',
    paths: ['printer.driver'],
    current: (c) => c.printer.driver,
  },
  {
    key: 'printerPort',
    flag: '--printer-port <path|host:port>',
    prompt: 'Printer port (/dev/kiosk-printer, /dev/usb/lp0 or host:9100)',
    paths: ['printer.path', 'printer.host', 'printer.port'],
    current: (c) => (c.printer.driver === 'tcp' ? `${c.printer.host}:${c.printer.port}` : c.printer.path),
    when: (c) => !['none', 'mock'].includes(c.printer.driver),
  },
  {
    key: 'paperWidth',
    flag: '--paper-width <mm>',
    prompt: 'Paper width in mm (58 or 80)',
    paths: ['printer.paperWidth'],
    current: (c) => String(c.printer.paperWidth),
    number: true,
    when: (c) => c.printer.driver !== 'none',
  },
  {
    key: 'scanner',
    flag: '--scanner <driver>',
    prompt: 'Scanner driver (serial, evdev, none, mock)',
    paths: ['scanner.driver'],
    current: (c) => c.scanner.driver,
  },
  {
    key: 'scannerPort',
    flag: '--scanner-port <path>',
    prompt: 'Scanner port (/dev/kiosk-scanner)',
    paths: ['scanner.path'],
    current: (c) => c.scanner.path,
    when: (c) => ['serial', 'evdev'].includes(c.scanner.driver),
  },
  {
    key: 'audio',
    flag: '--audio <driver>',
    prompt: 'Audio driver (alsa, none, mock)',
    paths: ['audio.driver'],
    current: (c) => c.audio.driver,
  },
  {
    key: 'playbackDevice',
    flag: '--playback-device <name>',
    prompt: 'ALSA playback device (aplay -L)',
    paths: ['audio.playbackDevice'],
    current: (c) => c.audio.playbackDevice,
    when: (c) => c.audio.driver === 'alsa',
  },
  {
    key: 'captureDevice',
    flag: '--capture-device <name>',
    prompt: 'ALSA capture device (arecord -L)',
    paths: ['audio.captureDevice'],
    current: (c) => c.audio.captureDevice,
    when: (c) => c.audio.driver === 'alsa',
  },
  {
    key: 'volume',
    flag: '--volume <0-100>',
    prompt: 'Volume (0-100)',
    paths: ['voice.volume'],
    current: (c) => String(c.voice.volume),
    number: true,
  },
  {
    key: 'tts',
    flag: '--tts <engine>',
    prompt: 'Voice engine (espeak, piper, text)',
    paths: ['voice.tts'],
    current: (c) => c.voice.tts,
  },
  {
    key: 'voiceRegion',
    flag: '--voice-region <region>',
    prompt: 'Voice region (north, central, south)',
    paths: ['voice.voice'],
    current: (c) =>
      c.voice.voice === 'vi-vn-x-south' ? 'south' : c.voice.voice === 'vi-vn-x-central' ? 'central' : 'north',
  },
  {
    key: 'dataDir',
    flag: '--data-dir <dir>',
    prompt: 'Data directory',
    paths: ['storage.dataDir'],
    current: (c) => c.storage.dataDir,
  },
  {
    key: 'pin',
    flag: '--pin <digits>',
    prompt: 'Maintenance PIN, 4-8 digits 1-9 (empty: keep)',
    paths: ['maintenance.pinHash'],
    current: () => '',
    secret: true,
  },
];

/** commander's camelCase option name for a question's flag. */
export function optionName(q: Question): string {
  const long = /^--([a-z0-9-]+)/.exec(q.flag)?.[1] ?? q.key;
  return long.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Turns a flag or prompt text into the answers' value type. */
export function toAnswer(q: Question, value: string | string[]): unknown {
  if (q.list) {
    const items = Array.isArray(value) ? value : value.split(q.key === 'serviceGroups' ? ';' : ',');
    return items.map((s) => s.trim()).filter(Boolean);
  }
  const text = Array.isArray(value) ? value.join(',') : value;
  return q.number ? Number(text) : text;
}
