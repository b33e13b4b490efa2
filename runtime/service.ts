/** What a service receives when started. */
export interface ServiceContext {
  /** Aborted when the kiosk is shutting down or the service is being stopped. */
  readonly signal: AbortSignal;
  /**
   * Reports that the running service has failed (e.g. a device vanished). The manager logs it,
   * stops the service and restarts it with backoff; the rest of the kiosk keeps running.
   */
  fail(err: unknown): void;
}

/**
 * A long-lived part of the kiosk. Constructors only assign; work starts in start().
 * start() and stop() are idempotent.
 */
export interface Service {
  readonly name: string;
  /** Names of services that must be running before this one starts. */
  readonly dependsOn?: readonly string[];
  start(ctx: ServiceContext): Promise<void>;
  stop(): Promise<void>;
}

export type ServiceState = 'stopped' | 'starting' | 'running' | 'failed' | 'stopping';
