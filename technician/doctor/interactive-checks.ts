import type { AudioOutput } from '../../drivers/audio/types.js';
import type { ButtonEvent, ButtonId, ButtonInput } from '../../drivers/buttons/types.js';
import type { DisplayDriver } from '../../drivers/display/types.js';
import type { Printer } from '../../drivers/printer/types.js';
import type { Scanner, ScanEvent } from '../../drivers/scanner/types.js';
import type { TouchEvent, TouchInput } from '../../drivers/touch/types.js';
import type { TextToSpeech } from '../../voice/tts.js';
import { errorMessage } from '../../runtime/errors.js';
import { testPattern, toneWav } from './test-pattern.js';
import type { CheckResult } from '../../runtime/check-result.js';
import type { DoctorCheck } from './types.js';

/** The technician at the kiosk: reads instructions, answers yes/no. */
export interface Technician {
  tell(text: string): void;
  confirm(question: string): Promise<boolean>;
}

/** The kiosk's devices, opened by the caller's factories; each check opens and closes its own. */
export interface InteractiveDevices {
  display: () => DisplayDriver;
  buttons: () => ButtonInput;
  touch: () => TouchInput;
  printer: () => Printer;
  scanner: () => Scanner;
  audio: () => AudioOutput;
  tts: TextToSpeech;
  /** Buttons fitted on the panel, in order (input.panel). */
  panel: readonly ButtonId[];
  /** Which device kinds are fitted (driver is not "none"). */
  fitted: Record<'display' | 'buttons' | 'touch' | 'printer' | 'scanner' | 'audio', boolean>;
  /** Print job for the test receipt. */
  testReceipt(widthDots: number): Uint8Array;
  voice: { voice: string; rate: number };
  deviceId: string;
}

interface Openable {
  open(): Promise<unknown>;
  close(): Promise<void>;
}

/** Waits for the first event accepted by `match`, or undefined after `ms`. */
function nextEvent<E>(
  subscribe: (l: (e: E) => void) => () => void,
  match: (e: E) => boolean,
  ms: number,
): Promise<E | undefined> {
  return new Promise((resolve) => {
    const off = subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, ms);
  });
}

async function using<T extends Openable, R>(
  make: () => T,
  body: (device: T, opened: unknown) => Promise<R>,
): Promise<R> {
  const device = make();
  try {
    return await body(device, await device.open());
  } finally {
    await device.close().catch(() => undefined);
  }
}

function check(
  id: string,
  title: string,
  fitted: boolean,
  run: () => Promise<Omit<CheckResult, 'id' | 'title'>>,
): DoctorCheck {
  return {
    id,
    title,
    run: async () => {
      if (!fitted) return { id, title, status: 'skip', message: 'not fitted (driver: none)' };
      try {
        return { id, title, ...(await run()) };
      } catch (err) {
        return {
          id,
          title,
          status: 'fail',
          message: errorMessage(err),
          hint: `check the cable and power, then run kiosk doctor --interactive again`,
        };
      }
    },
  };
}

/**
 * Checks that need the technician's eyes, ears and hands: a test pattern on the screen, every
 * panel button pressed, the four touch corners, a test receipt, a scan, a sound from the speaker.
 * Each waits `waitMs` for the technician; run with the kiosk service stopped (devices are free).
 */
export function interactiveChecks(d: InteractiveDevices, tech: Technician, waitMs = 20_000): DoctorCheck[] {
  return [
    check('display.pattern', 'Display test pattern', d.fitted.display, () =>
      using(d.display, async (display, opened) => {
        const info = opened as { width: number; height: number };
        await display.present(
          testPattern(info.width, info.height, `${d.deviceId} ${info.width}x${info.height}`),
          [],
        );
        return (await tech.confirm(
          'Does the screen show colour bars, corners 1-2-3-4 clockwise from top left, and Vietnamese text?',
        ))
          ? { status: 'ok', message: `${info.width}x${info.height}: pattern seen` }
          : {
              status: 'fail',
              code: 'pattern-wrong',
              message: 'the technician did not see the test pattern correctly',
              hint: 'corners in the wrong place: set display.rotation; stretched or cut: set display.width/height; nothing: check the cable and /dev/fb0 (kiosk doctor --only display)',
            };
      }),
    ),
    check('buttons.press', 'Buttons pressed', d.fitted.buttons, () =>
      using(d.buttons, async (buttons) => {
        const missed: ButtonId[] = [];
        const wrong: string[] = [];
        for (const id of d.panel) {
          tech.tell(`Press the ${id.toUpperCase()} button`);
          const event = await nextEvent<ButtonEvent>(
            (l) => buttons.onButton(l),
            (e) => e.action !== 'repeat',
            waitMs,
          );
          if (!event) missed.push(id);
          else if (event.id !== id) wrong.push(`${id}→${event.id}`);
        }
        if (missed.length === 0 && wrong.length === 0)
          return { status: 'ok', message: `all ${d.panel.length} buttons work` };
        return {
          status: 'fail',
          code: missed.length ? 'not-pressed' : 'miswired',
          message: [
            missed.length ? `no press seen from ${missed.join(', ')}` : '',
            wrong.length ? `wrong button: ${wrong.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
          hint: 'check the wiring and input.buttons.pins for these buttons (pin = GPIO line); swapped buttons: swap their pins',
        };
      }),
    ),
    check('touch.corners', 'Touch corners', d.fitted.touch, () =>
      using(d.display, async (_display, opened) => {
        const size = opened as { width: number; height: number };
        return using(d.touch, async (touch) => {
          const corners = [
            ['top-left', 0, 0],
            ['top-right', size.width, 0],
            ['bottom-right', size.width, size.height],
            ['bottom-left', 0, size.height],
          ] as const;
          const problems: string[] = [];
          for (const [name, cx, cy] of corners) {
            tech.tell(`Touch the ${name} corner of the screen`);
            const e = await nextEvent<TouchEvent>(
              (l) => touch.onTouch(l),
              (t) => t.phase === 'up',
              waitMs,
            );
            if (!e) problems.push(`${name}: no touch`);
            else if (Math.abs(e.x - cx) > size.width / 4 || Math.abs(e.y - cy) > size.height / 4)
              problems.push(`${name}: touched at ${Math.round(e.x)},${Math.round(e.y)}`);
          }
          return problems.length === 0
            ? { status: 'ok', message: 'all four corners land where touched' }
            : {
                status: 'fail',
                code: problems.every((p) => p.endsWith('no touch')) ? 'no-touch' : 'calibration',
                message: problems.join('; '),
                hint: 'axes swapped or mirrored: set input.touch.calibration (see docs/ui.md); no touch: check the USB cable and /dev/kiosk-touch',
              };
        });
      }),
    ),
    check('printer.receipt', 'Printer test receipt', d.fitted.printer, () =>
      using(d.printer, async (printer) => {
        await printer.print(d.testReceipt(printer.widthDots));
        return (await tech.confirm('Did a test receipt come out, with clear Vietnamese text, cut cleanly?'))
          ? { status: 'ok', message: `test receipt printed (${printer.widthDots} dots wide)` }
          : {
              status: 'fail',
              code: 'receipt-bad',
              message: 'the test receipt did not come out right',
              hint: 'blank paper: roll loaded upside down (thermal side to the head); cut off at the side: set printer.paperWidth (58/80); faint: clean the head',
            };
      }),
    ),
    check('scanner.read', 'Scanner read', d.fitted.scanner, () =>
      using(d.scanner, async (scanner) => {
        tech.tell('Scan any barcode or QR code');
        const scan = await nextEvent<ScanEvent>(
          (l) => scanner.onScan(l),
          () => true,
          waitMs,
        );
        // The content may be a citizen's CCCD: report only its size.
        return scan
          ? { status: 'ok', message: `read ${scan.data.length} characters` }
          : {
              status: 'fail',
              code: 'no-scan',
              message: `nothing read within ${Math.round(waitMs / 1000)} s`,
              hint: 'set the scanner to USB-COM (serial) mode with a CR suffix (scan its setup codes), or scanner.driver: evdev for keyboard mode; check /dev/kiosk-scanner',
            };
      }),
    ),
    check('audio.speaker', 'Speaker test', d.fitted.audio, () =>
      using(d.audio, async (audio) => {
        const phrase = 'Xin chào. Đây là thử loa của ki ốt.';
        const speech = await d.tts
          .synthesize(phrase, { lang: 'vi', voice: d.voice.voice, rate: d.voice.rate })
          .catch(() => null);
        await audio.play(speech ?? toneWav());
        const what = speech ? `the phrase "${phrase}"` : 'a beep';
        return (await tech.confirm(`Did you hear ${what} clearly?`))
          ? { status: 'ok', message: `${speech ? 'test phrase' : 'test tone'} heard` }
          : {
              status: 'fail',
              code: 'not-heard',
              message: `${what} was not heard`,
              hint: 'check the speaker cable and power, audio.playbackDevice (aplay -L), and the volume (alsamixer)',
            };
      }),
    ),
  ];
}
