import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RegistryStore } from '../../domain/fleet-registry/registry-store.js';
import { planProblem, rolloutPlanSchema } from '../../domain/fleet-registry/rollout-plan.js';
import { isSegment } from '../../domain/fleet/topics.js';
import { jsonArrayLines } from '../../domain/fleet/json-lines.js';
import { parseDeviceQuery } from './device-query.js';
import { CONSOLE_CSS, CONSOLE_HTML, CONSOLE_JS } from './console-assets.js';
import type { RegistryEvents } from './registry-events.js';
import type { IngestStats } from './registry-ingest.js';
import type { RolloutEngine } from './rollout-engine.js';

const SESSION_MS = 12 * 3600_000;
const MAX_BODY = 4096;
/** A rollout plan: signed manifests (a chunk list each), not the chunks themselves. */
const MAX_PLAN_BODY = 2 * 1024 * 1024;
const MAX_LOGIN_FAILURES = 10;
/** A kiosk screen as PNG (1920×1080 of UI is ~200-600 KB). */
const MAX_SCREENSHOT = 4 * 1024 * 1024;

/**
 * The registry's HTTP API (JSON): POST /api/login {user, password} sets an HttpOnly session
 * cookie; every other route needs it (or `Authorization: Bearer TOKEN` from the login answer).
 * GET /api/devices?state=online|offline&group=G&version=V&problem=P|any&q=TEXT&limit=N&offset=N
 * (one page and the count that matched), GET /api/statuses?FILTERS (what `kiosk fleet devices
 * --json` prints: the statuses one a line, the count in X-Total-Count), GET /api/counts (by state, problem and province),
 * GET /api/devices/ID, GET /api/summary, GET /api/ratings, GET /api/events?FILTERS (live updates
 * of that page). Listens on 127.0.0.1 unless told.
 */
export class RegistryHttp {
  private server: Server | undefined;
  private readonly sessions = new Map<string, { user: string; until: number }>();
  private failures = 0;
  private failuresReset = Date.now();

  constructor(
    private readonly o: {
      store: RegistryStore;
      stats: () => IngestStats;
      rollouts: RolloutEngine;
      events: RegistryEvents;
      host: string;
      port: number;
    },
  ) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => send(res, 500, { error: 'internal error' }));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.port, this.o.host, () => resolve());
    });
    const a = server.address() as AddressInfo;
    return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://registry');
    if (req.method === 'POST' && url.pathname === '/api/login') return this.login(req, res);
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/console'))
      return asset(res, 'text/html', CONSOLE_HTML);
    if (req.method === 'GET' && url.pathname === '/console.js')
      return asset(res, 'text/javascript', CONSOLE_JS);
    if (req.method === 'GET' && url.pathname === '/console.css') return asset(res, 'text/css', CONSOLE_CSS);
    const user = this.user(req);
    if (!user) return send(res, 401, { error: 'log in first: POST /api/login {"user","password"}' });
    if (url.pathname === '/api/rollouts' || url.pathname.startsWith('/api/rollouts/'))
      return this.rollouts(req, res, url, user);
    const store = this.o.store;
    const shot = /^\/api\/devices\/([^/]+)\/screenshot$/.exec(url.pathname);
    if (shot) return this.screenshot(req, res, decodeURIComponent(shot[1] as string), user);
    if (req.method !== 'GET') return send(res, 405, { error: 'method not allowed' });
    if (url.pathname === '/api/events') {
      const view = parseDeviceQuery(url.searchParams);
      if (typeof view === 'string') return send(res, 400, { error: view });
      if (!this.o.events.attach(res, view)) send(res, 503, { error: 'too many consoles open' });
      return;
    }
    const recs = /^\/api\/devices\/([^/]+)\/records$/.exec(url.pathname);
    if (recs) {
      const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
      return send(res, 200, { records: await store.records(decodeURIComponent(recs[1] as string), limit) });
    }
    if (url.pathname === '/api/summary')
      return send(res, 200, { ...(await store.summary()), ingest: this.o.stats() });
    if (url.pathname === '/api/ratings') return send(res, 200, { ratings: await store.ratings() });
    if (url.pathname === '/api/counts') return send(res, 200, await store.counts());
    if (url.pathname === '/api/devices') {
      const q = parseDeviceQuery(url.searchParams);
      if (typeof q === 'string') return send(res, 400, { error: q });
      return sendJson(res, 200, await store.devicesJson(q));
    }
    if (url.pathname === '/api/statuses') {
      const q = parseDeviceQuery(url.searchParams);
      if (typeof q === 'string') return send(res, 400, { error: q });
      const { items, total } = await store.statusesJson(q);
      return sendJson(res, 200, jsonArrayLines(items), { 'x-total-count': String(total) });
    }
    const one = /^\/api\/devices\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const id = decodeURIComponent(one[1] as string);
      const [device, shot] = await Promise.all([store.device(id), store.screenshot(id)]);
      if (!device) return send(res, 404, { error: 'no such device' });
      return send(res, 200, {
        ...device,
        screenshot: shot ? { takenAt: shot.takenAt, bytes: shot.png.length, storedBy: shot.storedBy } : null,
      });
    }
    return send(res, 404, { error: 'not found' });
  }

  /**
   * GET /api/rollouts (the 20 latest with their counts), GET /api/rollouts/ID, POST /api/rollouts
   * (a plan from kiosk fleet rollout start), POST /api/rollouts/ID/pause|resume|abort.
   */
  private async rollouts(req: IncomingMessage, res: ServerResponse, url: URL, user: string): Promise<void> {
    const { store, rollouts: engine } = this.o;
    if (url.pathname === '/api/rollouts') {
      if (req.method === 'GET') {
        const rows = (await store.rollouts()).slice(0, 20);
        return send(res, 200, { rollouts: await Promise.all(rows.map((r) => engine.report(r))) });
      }
      if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req, MAX_PLAN_BODY));
      } catch {
        return send(res, 400, { error: `body: a JSON rollout plan of at most ${MAX_PLAN_BODY} bytes` });
      }
      const parsed = rolloutPlanSchema.safeParse(body);
      if (!parsed.success)
        return send(res, 400, {
          error: `plan: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
        });
      const plan = parsed.data;
      const problem = planProblem(plan);
      if (problem) return send(res, 400, { error: `plan: ${problem}` });
      const busy = (await store.rollouts()).find(
        (r) => r.channel === plan.channel && (r.state === 'running' || r.state === 'paused'),
      );
      if (busy)
        return send(res, 409, {
          error: `rollout ${busy.id} is ${busy.state} on ${plan.channel}: abort it or let it finish first`,
        });
      if (await store.rollout(plan.id)) return send(res, 409, { error: `rollout ${plan.id} exists` });
      const now = Date.now();
      const row = {
        id: plan.id,
        createdAt: now,
        createdBy: user,
        channel: plan.channel,
        version: (plan.waves[0] as (typeof plan.waves)[number]).manifest.version,
        plan: JSON.stringify(plan),
        state: 'running' as const,
        wave: 0,
        publishedWave: -1,
        waveStartedAt: null,
        reason: null,
        updatedAt: now,
      };
      await store.addRollout(row);
      return send(res, 201, await engine.report(row));
    }
    const m = /^\/api\/rollouts\/([^/]+)(?:\/(pause|resume|abort))?$/.exec(url.pathname);
    const row = m ? await store.rollout(decodeURIComponent(m[1] as string)) : undefined;
    if (!m || !row) return send(res, 404, { error: 'no such rollout' });
    const verb = m[2];
    if (!verb)
      return req.method === 'GET'
        ? send(res, 200, await engine.report(row))
        : send(res, 405, { error: 'method not allowed' });
    if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });
    const done = row.state === 'aborted' || row.state === 'completed';
    if (done) return send(res, 409, { error: `rollout ${row.id} is ${row.state}` });
    const ok =
      verb === 'abort'
        ? await engine.abort(row, `aborted by ${user}`)
        : verb === 'pause'
          ? row.state === 'running' && (await engine.setPaused(row, true))
          : row.state === 'paused' && (await engine.setPaused(row, false));
    if (!ok) return send(res, 409, { error: `rollout ${row.id} is ${row.state}: cannot ${verb}` });
    return send(res, 200, await engine.report((await store.rollout(row.id)) ?? row));
  }

  /**
   * PUT /api/devices/ID/screenshot (a PNG body, from `kiosk fleet cmd screenshot --registry`)
   * keeps it as the device's last screenshot; GET answers it (image/png) or 404.
   */
  private async screenshot(
    req: IncomingMessage,
    res: ServerResponse,
    device: string,
    user: string,
  ): Promise<void> {
    const store = this.o.store;
    if (req.method === 'GET') {
      const shot = await store.screenshot(device);
      if (!shot) return send(res, 404, { error: 'no screenshot of this device yet' });
      res.writeHead(200, {
        'content-type': 'image/png',
        'content-length': shot.png.length,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
      });
      return void res.end(shot.png);
    }
    if (req.method !== 'PUT') return send(res, 405, { error: 'method not allowed' });
    if (!isSegment(device)) return send(res, 400, { error: 'device: an id of letters, digits, - and _' });
    if (!(await store.device(device))) return send(res, 404, { error: 'no such device' });
    let png: Buffer;
    try {
      png = await readBytes(req, MAX_SCREENSHOT);
    } catch {
      return send(res, 413, { error: `screenshot: at most ${MAX_SCREENSHOT} bytes` });
    }
    if (!isPng(png)) return send(res, 400, { error: 'screenshot: the body is not a PNG image' });
    const takenAt = Date.now();
    await store.putScreenshot({ device, png, takenAt, storedBy: user });
    return send(res, 201, { device, bytes: png.length, takenAt });
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (Date.now() - this.failuresReset > 60_000) {
      this.failures = 0;
      this.failuresReset = Date.now();
    }
    if (this.failures >= MAX_LOGIN_FAILURES)
      return send(res, 429, { error: 'too many failed logins; try again in a minute' });
    let body: { user?: unknown; password?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      return send(res, 400, { error: 'body: JSON {"user","password"} of at most 4 KB' });
    }
    if (typeof body.user !== 'string' || typeof body.password !== 'string')
      return send(res, 400, { error: 'body: JSON {"user","password"}' });
    if (!(await this.o.store.checkPassword(body.user, body.password))) {
      this.failures++;
      return send(res, 401, { error: 'wrong user name or password' });
    }
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { user: body.user, until: Date.now() + SESSION_MS });
    res.setHeader(
      'set-cookie',
      `kiosk_registry=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MS / 1000}`,
    );
    send(res, 200, { user: body.user, token });
  }

  private user(req: IncomingMessage): string | undefined {
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const cookie = /(?:^|;\s*)kiosk_registry=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const token = auth ?? cookie;
    const session = token ? this.sessions.get(token) : undefined;
    if (!session || session.until < Date.now()) return undefined;
    return session.user;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, JSON.stringify(body));
}

function sendJson(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** The console's files: nothing but this origin's own script and style may run. */
function asset(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  });
  res.end(body);
}

/** PNG signature and a first IHDR chunk: what a kiosk's screenshot command sends. */
function isPng(b: Buffer): boolean {
  return (
    b.length > 33 &&
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
    b.subarray(12, 16).toString('latin1') === 'IHDR'
  );
}

async function readBody(req: IncomingMessage, max = MAX_BODY): Promise<string> {
  return (await readBytes(req, max)).toString('utf8');
}

/**
 * The body, at most `max` bytes. A larger one is read on and dropped (so its sender gets the
 * 413 answer, not a reset) up to twice `max`, then the connection is cut.
 */
function readBytes(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size > 2 * max) req.destroy();
      else if (size <= max) parts.push(d);
    });
    req.on('end', () => (size > max ? reject(new Error('too large')) : resolve(Buffer.concat(parts))));
    req.on('error', reject);
  });
}
