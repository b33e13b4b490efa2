import type { Clock } from './clock.js';
import { errorMessage } from './errors.js';

/**
 * The one reconnect loop, timed on the injected Clock (tests move a ManualClock): after `start()`
 * it waits `delayMs`, tries `attempt`, and goes on until an attempt succeeds or `stop()` is
 * called. Every driver that reopens its device (buttons, scanners, touch) and the input service
 * that opens them at boot use it, so they all retry, log and stop the same way.
 */
export class Reconnect {
  private controller: AbortController | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly delayMs: number,
    /** Opens the device again; throws when it cannot yet. `signal` aborts when stop() is called. */
    private readonly attempt: (signal: AbortSignal) => Promise<void>,
    /** Told about each failed attempt; `repeated` when it failed with the same message as the last. */
    private readonly failed: (err: unknown, repeated: boolean) => void = () => undefined,
  ) {}

  /** True from start() until an attempt succeeds or stop() is called. */
  get active(): boolean {
    return this.controller !== undefined;
  }

  /** Starts retrying; does nothing while already retrying. */
  start(): void {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    void this.loop(controller.signal).finally(() => {
      if (this.controller === controller) this.controller = undefined;
    });
  }

  /** Stops retrying (a waiting attempt is dropped; one under way sees its signal aborted). */
  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let last: string | undefined;
    while (!signal.aborted) {
      try {
        await this.clock.sleep(this.delayMs, signal);
      } catch {
        return;
      }
      if (signal.aborted) return;
      try {
        await this.attempt(signal);
        return;
      } catch (err) {
        if (signal.aborted) return;
        const message = errorMessage(err);
        this.failed(err, message === last);
        last = message;
      }
    }
  }
}
