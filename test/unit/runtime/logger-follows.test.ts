import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging, createLogger } from '../../../runtime/logger.js';

function sink(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('Logger: made before configureLogging, follows it', () => {
  afterEach(() => configureLogging({ level: 'silent' }));

  it('a module-level logger goes silent, then to the new destination, keeping its namespace', () => {
    const first = sink();
    configureLogging({ level: 'info', destination: first.stream });
    const log = createLogger('printer'); // as a driver module does at import
    log.info('printer opened');
    configureLogging({ level: 'silent' }); // as kiosk doctor --json does
    log.info('printer opened again');
    log.error('even errors');
    const second = sink();
    configureLogging({ level: 'warn', destination: second.stream });
    log.info('below the level');
    log.warn({ code: 'paper-low' }, 'paper is nearly out');
    expect(first.lines().map((l) => l.msg)).toEqual(['printer opened']);
    expect(second.lines()).toEqual([
      expect.objectContaining({
        ns: 'printer',
        level: 'warn',
        code: 'paper-low',
        msg: 'paper is nearly out',
      }),
    ]);
    expect(log.isLevelEnabled('warn')).toBe(true);
    expect(log.isLevelEnabled('info')).toBe(false);
  });

  it('a child of a module logger keeps its fields', () => {
    const out = sink();
    configureLogging({ level: 'info', destination: out.stream });
    createLogger('scanner').child({ path: '/dev/ttyACM0' }).info('scanner connected');
    expect(out.lines()[0]).toMatchObject({ ns: 'scanner', path: '/dev/ttyACM0', msg: 'scanner connected' });
  });
});
