import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { composeKiosk, type Kiosk } from '../../app/compose.js';
import { startKiosk, stopKiosk } from '../../app/lifecycle.js';
import { SimulatorServer } from '../../app/simulator/server.js';
import { validateConfig } from '../../runtime/config/load.js';
import { tempDir } from '../helpers/sim-process.js';

interface LogLine {
  level: number;
  msg: string;
  url?: string;
}

/** The simulator in-process on a free port, its log lines collected. */
async function startSimulator(): Promise<{ kiosk: Kiosk; sim: SimulatorServer; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  const kiosk = composeKiosk(validateConfig({ storage: { dataDir: tempDir() } }));
  const sim = new SimulatorServer(kiosk, { host: '127.0.0.1', port: 0, headless: true }, pino({}, sink));
  kiosk.services.add(sim);
  await startKiosk(kiosk);
  return { kiosk, sim, lines };
}

describe('simulator: hostile request bodies', () => {
  let kiosk: Kiosk | undefined;
  afterEach(async () => {
    if (kiosk) await stopKiosk(kiosk);
    kiosk = undefined;
  });

  it('answers a 100,000-deep JSON value with 400, not 500', async () => {
    const started = await startSimulator();
    kiosk = started.kiosk;
    const deep = `{"id":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const res = await fetch(`${started.sim.url}/api/button`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(/^id: must be one of 1-9, ok, back, up, down, help; got an array/);
    expect(body.error.length).toBeLessThan(200);
    expect(started.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('logs a client that aborts its body below error level', async () => {
    const started = await startSimulator();
    kiosk = started.kiosk;
    const { port } = new URL(started.sim.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/button HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"id":',
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await expect.poll(() => started.lines.filter((l) => l.url === '/api/button')).toHaveLength(1);
    const [line] = started.lines.filter((l) => l.url === '/api/button');
    expect(line?.msg).toMatch(/client aborted the request body/);
    expect(line?.level).toBeLessThan(50);
  });
});
