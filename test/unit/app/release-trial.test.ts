import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeKiosk, type Kiosk } from '../../../app/compose.js';
import { startKiosk, stopKiosk } from '../../../app/lifecycle.js';
import { releaseTrialChecks } from '../../../app/release-trial.js';
import { ReleaseLayout } from '../../../domain/release/release-layout.js';
import { runTrial, type TrialCheck } from '../../../domain/release/release-trial.js';
import type { MockPrinter } from '../../../hardware-mocks/printer.js';
import { validateConfig } from '../../../runtime/config/load.js';
import { tempDir } from '../../helpers/sim-process.js';

/**
 * The health check a new release runs after the switch, with the kiosk's real parts on mock
 * hardware: first frame, services and the doctor's checks (kioskChecks, the list the maintenance
 * screen and `kiosk doctor` run). A check failing now that did not fail before the switch fails
 * the release; one that already failed under the old release does not.
 */
describe('Release health check: the doctor device checks', () => {
  let kiosk: Kiosk;
  let checks: TrialCheck[];
  /** Checks failing on this machine before anything changes (e.g. no time sync in a container). */
  let baseline: string[];

  beforeAll(async () => {
    kiosk = composeKiosk(
      validateConfig({
        storage: { dataDir: tempDir('kiosk-trial-data-') },
        printer: { driver: 'mock' },
        scanner: { driver: 'mock' },
        audio: { driver: 'mock' },
        display: { driver: 'mock' },
        input: { buttons: { driver: 'mock' }, touch: { driver: 'mock' } },
        voice: { enabled: false },
      }),
    );
    checks = releaseTrialChecks(kiosk);
    await startKiosk(kiosk);
    baseline = (await kiosk.runChecks()).checks.filter((c) => c.status === 'fail').map((c) => c.id);
  });

  afterAll(async () => {
    await stopKiosk(kiosk);
  });

  async function onTrial(failingBefore: string[] | undefined): Promise<ReleaseLayout> {
    const layout = new ReleaseLayout(tempDir('kiosk-trial-opt-'));
    await layout.clearIncoming();
    await layout.saveState({
      phase: 'trial',
      committed: '1.0.0',
      trial: {
        version: '2.0.0',
        from: '1.0.0',
        starts: 1,
        startedAt: new Date().toISOString(),
        backup: null,
        ...(failingBefore ? { failingBefore } : {}),
      },
      blocked: [],
    });
    return layout;
  }

  const trial = (layout: ReleaseLayout) =>
    runTrial({ layout, version: '2.0.0', checks, deadlineMs: 4000, log: () => undefined });

  it('lists the device checks with the first frame and the services', () => {
    expect(checks.map((c) => c.name)).toEqual(['first frame', 'services', 'device checks']);
  });

  it('a printer that fails only after the switch fails the release, with what the doctor found', async () => {
    expect(baseline).not.toContain('printer');
    const printer = kiosk.drivers.printer as MockPrinter;
    printer.paperOut = true;
    try {
      const layout = await onTrial(baseline);
      const r = await trial(layout);
      expect(r.outcome).toBe('failed');
      expect(r).toMatchObject({
        reason: expect.stringMatching(
          /^health check: not healthy within 4 s: device checks: failing: Printer \([^)]*paper[^)]*\)$/i,
        ),
      });
      expect(await layout.state()).toMatchObject({
        phase: 'failed',
        trial: { reason: r.outcome === 'failed' ? r.reason : '' },
      });
    } finally {
      printer.paperOut = false;
    }
  });

  it('the same printer fault is not held against the release when it failed before the switch too', async () => {
    const printer = kiosk.drivers.printer as MockPrinter;
    printer.paperOut = true;
    try {
      const layout = await onTrial([...baseline, 'printer']);
      expect(await trial(layout)).toEqual({ outcome: 'committed' });
      expect(await layout.state()).toMatchObject({ phase: 'committed', committed: '2.0.0' });
    } finally {
      printer.paperOut = false;
    }
  });

  it('with every device working the release is committed', async () => {
    const layout = await onTrial(baseline);
    expect(await trial(layout)).toEqual({ outcome: 'committed' });
  });

  it('the switch notice: app.switching opens the updating screen over what is shown, and buttons do nothing there', async () => {
    kiosk.ui.open('search');
    await kiosk.ui.flush();
    const drawn = new Promise((resolve) => kiosk.bus.on('test-notice', 'ui.frame', resolve));
    kiosk.bus.emit('app.switching', { version: '2.0.0', from: '1.0.0' });
    expect(kiosk.ui.current?.name).toBe('updating');
    expect(kiosk.ui.current?.describe?.()).toEqual({ version: '2.0.0', from: '1.0.0' });
    await drawn;
    kiosk.bus.offOwner('test-notice');
    for (const id of ['ok', 'back', 'help', '1'] as const)
      kiosk.bus.emit('input.button', { id, action: 'press', at: Date.now() });
    await kiosk.ui.settle();
    expect(kiosk.ui.current?.name).toBe('updating');
    kiosk.ui.home();
  });
});
