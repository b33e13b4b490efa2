import { rmSync } from 'node:fs';
import { EvdevScanner } from '../../../drivers/scanner/evdev-scanner.js';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner.js';
import { EvdevFifoScanner } from '../../../hardware-mocks/evdev-scanner.js';
import { PtyScanner } from '../../../hardware-mocks/pty-scanner.js';
import { MockScanner } from '../../../hardware-mocks/scanner.js';
import { systemClock } from '../../../runtime/clock.js';
import { describeScannerContract } from '../../contracts/scanner.contract.js';
import { tempDir } from '../../helpers/sim-process.js';

describeScannerContract('MockScanner (in-process)', async () => {
  const scanner = new MockScanner(systemClock);
  return { scanner, scan: async (text) => scanner.emitData(`${text}\r\n`), cleanup: async () => undefined };
});

describeScannerContract('SerialScanner over socat pty', async () => {
  const dir = tempDir('scanner-contract-');
  const mock = new PtyScanner(dir);
  await mock.start();
  const scanner = new SerialScanner({ path: mock.path, baudRate: 9600 }, systemClock);
  return {
    scanner,
    scan: (text) => mock.scan(text),
    garbage: () => mock.garbage('invalid-utf8'),
    cleanup: async () => {
      await mock.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeScannerContract('EvdevScanner on an evdev FIFO', async () => {
  const dir = tempDir('evdev-contract-');
  const mock = new EvdevFifoScanner(dir, 24);
  await mock.start();
  const scanner = new EvdevScanner({ device: mock.path, eventSize: 24 }, systemClock);
  return {
    scanner,
    scan: (text) => mock.scan(text),
    garbage: () => mock.type('12345'),
    cleanup: async () => {
      await mock.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
