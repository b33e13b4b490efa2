import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { deviceFactories } from '../../app/hardware.js';
import { systemClock } from '../../runtime/clock.js';
import { loadConfig } from '../../runtime/config/load.js';
import { runDoctor } from '../../technician/doctor/run-doctor.js';
import { standardChecks } from '../../technician/doctor/standard-checks.js';
import { parseAnswers } from '../../technician/provision/answers.js';
import { hashPin, verifyPin } from '../../technician/provision/pin.js';
import { provision } from '../../technician/provision/provision.js';
import { applyZeroTouch } from '../../technician/provision/zero-touch.js';
import { percentile, timeIt, type BenchResult, type BenchSuite } from '../bench-types.js';

const run = promisify(execFile);
const KIOSK = resolve('dist/bin/kiosk.js');
const temp = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

const ANSWERS = {
  deviceId: 'hn-bench-01',
  agency: 'UBND XÃ TẢN LĨNH',
  serviceGroups: ['A:tu-phap:Tư pháp - Hộ tịch:1,2', 'B:dat-dai:Đất đai:3'],
  broker: 'mqtts://fleet.example.vn:8883',
  printer: 'serial',
  printerPort: '/dev/kiosk-printer',
  pin: '2468',
};

/** Doctor and provisioning times a technician waits for, in-process and through the CLI. */
const suite: BenchSuite = {
  name: 'technician',
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const add = (name: string, times: number[], note: string): void => {
      results.push({
        suite: 'technician',
        name,
        value: percentile(times, 50),
        unit: 'ms',
        better: 'lower',
        note,
      });
    };

    // Doctor on a simulator config (mock devices, local data dir; no broker).
    const dir = temp('kiosk-bench-tech-');
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ storage: { dataDir: join(dir, 'data') } }));
    const config = await loadConfig(configFile);
    add(
      'doctor, all checks in-process (sim config)',
      await timeIt(
        () =>
          runDoctor(standardChecks(config, deviceFactories(config, systemClock)), {
            deviceId: config.device.id,
          }),
        20,
      ),
      'median of 20; every standard check, mock devices',
    );
    add(
      'kiosk doctor --json (CLI, incl. Node start)',
      await timeIt(() => run(process.execPath, [KIOSK, 'doctor', '--json', '--config', configFile]), 5, 1),
      'median of 5 processes',
    );

    // Provisioning: answers -> validated config written atomically (includes the PIN's scrypt hash).
    const answers = parseAnswers(ANSWERS);
    let n = 0;
    add(
      'provision, in-process (validate + atomic write + fsync)',
      await timeIt(() => provision(answers, join(dir, `p${n++}`, 'config.yaml')), 20),
      'median of 20, fresh file each time; includes scrypt PIN hash',
    );
    add(
      'kiosk provision --yes (CLI, incl. Node start)',
      await timeIt(
        () =>
          run(process.execPath, [
            KIOSK,
            'provision',
            '--yes',
            '--config',
            join(dir, `c${n++}.yaml`),
            '--device-id',
            'hn-bench-02',
            '--pin',
            '2468',
          ]),
        5,
        1,
      ),
      'median of 5 processes',
    );
    const log = pino({ level: 'silent' });
    add(
      'zero-touch apply (read, validate, write, shred)',
      await timeIt(async () => {
        const boot = join(dir, `boot${n++}`);
        mkdirSync(boot);
        writeFileSync(join(boot, 'kiosk-provision.json'), JSON.stringify(ANSWERS));
        await applyZeroTouch(join(boot, 'kiosk-provision.json'), join(boot, 'config.yaml'), log);
      }, 20),
      'median of 20',
    );
    const hash = hashPin('2468');
    add(
      'maintenance PIN check (scrypt N=16384)',
      await timeIt(() => verifyPin('2468', hash), 20),
      'median of 20; runs on the UI thread once per PIN',
    );
    return results;
  },
};

export default suite;
