import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ButtonId } from '../../../drivers/buttons/types.js';
import { MockAudio } from '../../../hardware-mocks/audio.js';
import { MockButtons } from '../../../hardware-mocks/buttons.js';
import { MockDisplay } from '../../../hardware-mocks/display.js';
import { MockPrinter } from '../../../hardware-mocks/printer.js';
import { MockScanner } from '../../../hardware-mocks/scanner.js';
import { MockTouch } from '../../../hardware-mocks/touch.js';
import { ManualClock } from '../../../runtime/clock.js';
import {
  interactiveChecks,
  type InteractiveDevices,
  type Technician,
} from '../../../technician/doctor/interactive-checks.js';
import { runDoctor } from '../../../technician/doctor/run-doctor.js';
import { EspeakTts } from '../../../voice/espeak-tts.js';
import { parseWav } from '../../../runtime/wav.js';
import { TextOnlyTts } from '../../../voice/tts.js';
import { EscPos } from '../../../drivers/printer/escpos.js';
import { tempDir } from '../../helpers/sim-process.js';

/** A kiosk on mocks, and a technician who does what the screen asks (or not, per `behaviour`). */
function bench(
  behaviour: {
    misses?: ButtonId[];
    swapTouchAxes?: boolean;
    answers?: boolean;
    scans?: boolean;
    tts?: 'espeak' | 'text';
  } = {},
) {
  const clock = new ManualClock();
  const display = new MockDisplay(800, 480);
  const buttons = new MockButtons(clock);
  const touch = new MockTouch(clock);
  const printer = new MockPrinter(576, clock);
  const scanner = new MockScanner(clock);
  const audio = new MockAudio();
  const told: string[] = [];
  const asked: string[] = [];
  const tech: Technician = {
    tell(text) {
      told.push(text);
      // The technician reacts a moment later, as a person would.
      setTimeout(() => {
        const button = /^Press the (\S+) button$/.exec(text)?.[1]?.toLowerCase() as ButtonId | undefined;
        if (button && !behaviour.misses?.includes(button)) buttons.press(button);
        const corner = /^Touch the (\S+) corner/.exec(text)?.[1];
        if (corner) {
          const x = corner.endsWith('left') ? 10 : 790;
          const y = corner.startsWith('top') ? 10 : 470;
          if (behaviour.swapTouchAxes) touch.tap((y / 480) * 800, (x / 800) * 480);
          else touch.tap(x, y);
        }
        if (text.startsWith('Scan') && behaviour.scans !== false) scanner.emitData('8935049510017');
      }, 5);
    },
    async confirm(question) {
      asked.push(question);
      return behaviour.answers ?? true;
    },
  };
  const devices: InteractiveDevices = {
    display: () => display,
    buttons: () => buttons,
    touch: () => touch,
    printer: () => printer,
    scanner: () => scanner,
    audio: () => audio,
    tts: behaviour.tts === 'text' ? new TextOnlyTts() : new EspeakTts(),
    panel: ['1', '2', 'up', 'down', 'ok', 'back'],
    fitted: { display: true, buttons: true, touch: true, printer: true, scanner: true, audio: true },
    testReceipt: () => new EscPos().init().raw(Buffer.from('TEST\n')).feed(2).cut().bytes(),
    voice: { voice: 'vi', rate: 150 },
    deviceId: 'hn-bench-01',
  };
  return { devices, tech, told, asked, display, printer, audio };
}

describe('Technician: kiosk doctor --interactive (mock devices, scripted technician)', () => {
  it('everything works: pattern shown, each button pressed, corners, receipt, scan, spoken phrase', async () => {
    const b = bench();
    const report = await runDoctor(interactiveChecks(b.devices, b.tech, 2000), { deviceId: 'x' });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['display.pattern', 'ok'],
      ['buttons.press', 'ok'],
      ['touch.corners', 'ok'],
      ['printer.receipt', 'ok'],
      ['scanner.read', 'ok'],
      ['audio.speaker', 'ok'],
    ]);
    expect(report.exitCode).toBe(0);
    expect(b.told.filter((t) => t.startsWith('Press'))).toEqual([
      'Press the 1 button',
      'Press the 2 button',
      'Press the UP button',
      'Press the DOWN button',
      'Press the OK button',
      'Press the BACK button',
    ]);
    // The scanned code is not echoed (it could be a citizen's CCCD).
    expect(report.checks.find((c) => c.id === 'scanner.read')?.message).toBe('read 13 characters');
    expect(b.printer.receipts).toHaveLength(1);
    // The speaker test is real Vietnamese speech from espeak-ng.
    const wav = parseWav(b.audio.played[0]!);
    expect(wav.samples.length / wav.sampleRate).toBeGreaterThan(1);

    // The test pattern reached the screen: decode it with ffmpeg and look at the colour bars.
    const file = join(tempDir('kiosk-pattern-'), 'pattern.png');
    writeFileSync(file, b.display.png());
    const rgb = execFileSync(
      'ffmpeg',
      ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const at = (x: number, y: number) => [...rgb.subarray((y * 800 + x) * 3, (y * 800 + x) * 3 + 3)];
    expect(at(150, 150)).toEqual([255, 255, 0]); // second bar: yellow
    expect(at(650, 150)).toEqual([0, 0, 255]); // seventh bar: blue
    expect(at(5, 5)).toEqual([255, 102, 0]); // corner mark 1
    expect(at(400, 479)).toEqual([255, 255, 255]); // border
    expect(at(400, 470)).toEqual([32, 32, 32]); // text area
  });

  it('names the buttons that were never pressed, and fails a corner that lands elsewhere', async () => {
    const b = bench({ misses: ['ok', 'back'], swapTouchAxes: true });
    const report = await runDoctor(interactiveChecks(b.devices, b.tech, 200), { deviceId: 'x' });
    const buttons = report.checks.find((c) => c.id === 'buttons.press')!;
    expect(buttons).toMatchObject({
      status: 'fail',
      code: 'not-pressed',
      message: 'no press seen from ok, back',
    });
    expect(buttons.hint).toContain('input.buttons.pins');
    const touch = report.checks.find((c) => c.id === 'touch.corners')!;
    expect(touch).toMatchObject({ status: 'fail', code: 'calibration' });
    expect(touch.hint).toContain('input.touch.calibration');
    expect(report.exitCode).toBe(2);
  });

  it('reports what the technician did not see or hear, a scanner that reads nothing, and paper out', async () => {
    const b = bench({ answers: false, scans: false, tts: 'text' });
    b.printer.paperOut = true;
    const report = await runDoctor(interactiveChecks(b.devices, b.tech, 200), { deviceId: 'x' });
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId['display.pattern']).toMatchObject({ status: 'fail', code: 'pattern-wrong' });
    expect(byId['display.pattern']!.hint).toContain('display.rotation');
    expect(byId['printer.receipt']).toMatchObject({ status: 'fail', message: 'printer is out of paper' });
    expect(byId['scanner.read']).toMatchObject({ status: 'fail', code: 'no-scan' });
    // No speech engine: a beep tests the speaker.
    expect(byId['audio.speaker']).toMatchObject({
      status: 'fail',
      code: 'not-heard',
      message: 'a beep was not heard',
    });
    expect(b.asked).toContain('Did you hear a beep clearly?');
    for (const c of report.checks.filter((r) => r.status === 'fail')) expect(c.hint, c.id).toBeTruthy();
  });
});
