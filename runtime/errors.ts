/** What went wrong with a device, independent of the device type. */
export type DriverErrorKind = 'disconnected' | 'timeout' | 'canceled' | 'busy' | 'device-fault';

/**
 * The one error type drivers throw. `code` is device-specific (e.g. `paper-out`), `hint` tells a
 * technician what to do about it.
 */
export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    readonly device: string,
    readonly kind: DriverErrorKind,
    readonly code: string,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Configuration that failed validation; `problems` are `path: message` lines. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string | undefined,
    readonly problems: string[],
  ) {
    super(`${file ?? 'configuration'} is invalid:\n  ${problems.join('\n  ')}`);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
