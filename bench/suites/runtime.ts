import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';

/** Boot time to first frame, ticket latency through the API, and idle memory of the simulator. */
const suite: BenchSuite = {
  name: 'runtime',
  async run(): Promise<BenchResult[]> {
    const boots: number[] = [];
    const firstFrames: number[] = [];
    const tickets: number[] = [];
    let rssIdle = 0;
    for (let round = 0; round < 3; round++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
      const t0 = performance.now();
      const proc = spawn(
        process.execPath,
        [resolve('dist/bin/kiosk.js'), 'sim', '--headless', '--port', '0', '--data-dir', dataDir],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const url = await new Promise<string>((ok, fail) => {
        proc.once('exit', (c) => fail(new Error(`sim exited ${c}`)));
        createInterface({ input: proc.stdout! }).on('line', (l) => {
          const e = JSON.parse(l) as { ns?: string; url?: string; service?: string; msg?: string };
          // The UI service reports started once its first frame is on the display.
          if (e.service === 'ui' && e.msg === 'service started') firstFrames.push(performance.now() - t0);
          if (e.ns === 'simulator' && e.url) ok(e.url);
        });
      });
      boots.push(performance.now() - t0);
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await fetch(`${url}/api/button`, {
          method: 'POST',
          body: JSON.stringify({ id: i % 2 === 0 ? '1' : 'ok' }),
        });
        if (i % 2 === 0) tickets.push(performance.now() - t);
      }
      await new Promise((r) => setTimeout(r, 1500));
      const status = await import('node:fs').then((fs) =>
        fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'),
      );
      rssIdle = Math.max(rssIdle, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    return [
      {
        suite: 'runtime',
        name: 'process start to first frame on the display',
        value: percentile(firstFrames, 50),
        unit: 'ms',
        better: 'lower',
        note: 'median of 3 cold starts (compiled JS)',
      },
      {
        suite: 'runtime',
        name: 'process start to all services up (catalog indexed, API ready)',
        value: percentile(boots, 50),
        unit: 'ms',
        better: 'lower',
        note: 'median of 3 cold starts',
      },
      {
        suite: 'runtime',
        name: 'ticket issue+render+print (API round trip)',
        value: percentile(tickets, 50),
        unit: 'ms',
        better: 'lower',
        note: `p50 of ${tickets.length}`,
      },
      {
        suite: 'runtime',
        name: 'ticket issue p95',
        value: percentile(tickets, 95),
        unit: 'ms',
        better: 'lower',
      },
      {
        suite: 'runtime',
        name: 'simulator RSS at idle',
        value: rssIdle,
        unit: 'MiB',
        better: 'lower',
        note: 'after 10 tickets',
      },
    ];
  },
};
export default suite;
