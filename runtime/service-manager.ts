import { errorMessage } from './errors.js';
import type { Logger } from './logger.js';
import type { Service, ServiceState } from './service.js';

interface Slot {
  service: Service;
  state: ServiceState;
  controller: AbortController;
  failures: number;
  lastError?: string;
  restartTimer?: NodeJS.Timeout;
}

export interface ServiceStatus {
  name: string;
  state: ServiceState;
  failures: number;
  lastError?: string;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * Starts services in dependency order, stops them in reverse, and restarts a failed service with
 * exponential backoff without stopping the others.
 */
export class ServiceManager {
  private readonly slots = new Map<string, Slot>();
  private order: string[] = [];
  private shuttingDown = false;

  constructor(
    private readonly log: Logger,
    private readonly backoff: BackoffPolicy = { initialMs: 500, maxMs: 30_000 },
    private readonly onState?: (status: ServiceStatus) => void,
  ) {}

  add(service: Service): void {
    if (this.slots.has(service.name)) throw new TypeError(`service "${service.name}" is already registered`);
    this.slots.set(service.name, {
      service,
      state: 'stopped',
      controller: new AbortController(),
      failures: 0,
    });
  }

  get<T extends Service>(name: string): T | undefined {
    return this.slots.get(name)?.service as T | undefined;
  }

  status(): ServiceStatus[] {
    return this.order.map((name) => this.describe(this.slots.get(name) as Slot));
  }

  /** Topological order; throws on unknown dependencies or cycles. */
  resolveOrder(): string[] {
    const order: string[] = [];
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, from?: string): void => {
      if (done.has(name)) return;
      const slot = this.slots.get(name);
      if (!slot) throw new TypeError(`service "${from}" depends on unknown service "${name}"`);
      if (visiting.has(name)) throw new TypeError(`service dependency cycle through "${name}"`);
      visiting.add(name);
      for (const dep of slot.service.dependsOn ?? []) visit(dep, name);
      visiting.delete(name);
      done.add(name);
      order.push(name);
    };
    for (const name of this.slots.keys()) visit(name);
    return order;
  }

  async startAll(): Promise<void> {
    this.shuttingDown = false;
    this.order = this.resolveOrder();
    for (const name of this.order) await this.startOne(this.slots.get(name) as Slot);
  }

  /** Stops every service in reverse order; each gets `perServiceMs` before it is abandoned. */
  async stopAll(perServiceMs = 1500): Promise<void> {
    this.shuttingDown = true;
    for (const name of [...this.order].reverse()) {
      const slot = this.slots.get(name) as Slot;
      clearTimeout(slot.restartTimer);
      await this.stopOne(slot, perServiceMs);
    }
  }

  private describe(slot: Slot): ServiceStatus {
    return {
      name: slot.service.name,
      state: slot.state,
      failures: slot.failures,
      ...(slot.lastError ? { lastError: slot.lastError } : {}),
    };
  }

  private setState(slot: Slot, state: ServiceState): void {
    slot.state = state;
    this.onState?.(this.describe(slot));
  }

  private async startOne(slot: Slot): Promise<void> {
    if (slot.state === 'running' || slot.state === 'starting') return;
    slot.controller = new AbortController();
    const controller = slot.controller;
    this.setState(slot, 'starting');
    try {
      await slot.service.start({
        signal: controller.signal,
        fail: (err) => {
          if (controller === slot.controller && slot.state === 'running') void this.handleFailure(slot, err);
        },
      });
      this.setState(slot, 'running');
      slot.failures = 0;
      this.log.info({ service: slot.service.name }, 'service started');
    } catch (err) {
      await this.handleFailure(slot, err);
    }
  }

  private async stopOne(slot: Slot, timeoutMs: number): Promise<void> {
    if (slot.state === 'stopped') return;
    this.setState(slot, 'stopping');
    slot.controller.abort(new Error('service stopping'));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([slot.service.stop().then(() => 'ok' as const), timeout]);
      if (outcome === 'timeout')
        this.log.warn({ service: slot.service.name, timeoutMs }, 'service did not stop in time');
    } catch (err) {
      this.log.error({ service: slot.service.name, err }, 'service failed while stopping');
    } finally {
      clearTimeout(timer);
    }
    this.setState(slot, 'stopped');
  }

  private async handleFailure(slot: Slot, err: unknown): Promise<void> {
    slot.failures += 1;
    slot.lastError = errorMessage(err);
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (slot.failures - 1));
    // An error with `retry: false` needs a technician: restarting cannot help (e.g. a damaged database).
    const retry = (err as { retry?: unknown } | null)?.retry !== false;
    this.log.error(
      { service: slot.service.name, err, failures: slot.failures, ...(retry ? { retryInMs: delay } : {}) },
      `service ${slot.service.name} failed: ${slot.lastError}; ${retry ? `restarting in ${Math.round(delay / 100) / 10} s` : 'not restarting until fixed'}`,
    );
    await this.stopOne(slot, 1000);
    this.setState(slot, 'failed');
    if (this.shuttingDown || !retry) return;
    slot.restartTimer = setTimeout(() => {
      if (!this.shuttingDown) void this.startOne(slot);
    }, delay);
    slot.restartTimer.unref();
  }
}
