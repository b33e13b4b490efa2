import type { Clock } from '../../runtime/clock.js';
import { verifyPin } from '../provision/pin.js';

export type PinVerdict =
  | { result: 'ok' }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked'; seconds: number }
  | { result: 'no-pin' };

/**
 * Guards the maintenance screen: checks the PIN against maintenance.pinHash and locks entry for
 * `lockoutSeconds` after `maxAttempts` wrong PINs in a row (kept across screen openings).
 */
export class MaintenanceGate {
  private failures = 0;
  private lockedUntil = 0;

  constructor(
    private readonly settings: { pinHash?: string | undefined; maxAttempts: number; lockoutSeconds: number },
    private readonly clock: Clock,
  ) {}

  get hasPin(): boolean {
    return Boolean(this.settings.pinHash);
  }

  /** Seconds until entry unlocks, 0 when not locked. */
  lockSeconds(): number {
    return Math.max(0, Math.ceil((this.lockedUntil - this.clock.now()) / 1000));
  }

  tryPin(pin: string): PinVerdict {
    const hash = this.settings.pinHash;
    if (!hash) return { result: 'no-pin' };
    const locked = this.lockSeconds();
    if (locked > 0) return { result: 'locked', seconds: locked };
    if (verifyPin(pin, hash)) {
      this.failures = 0;
      return { result: 'ok' };
    }
    this.failures++;
    if (this.failures >= this.settings.maxAttempts) {
      this.failures = 0;
      this.lockedUntil = this.clock.now() + this.settings.lockoutSeconds * 1000;
      return { result: 'locked', seconds: this.settings.lockoutSeconds };
    }
    return { result: 'wrong', attemptsLeft: this.settings.maxAttempts - this.failures };
  }
}
