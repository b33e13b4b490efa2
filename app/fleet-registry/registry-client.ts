import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The fleet tools' side of the registry's HTTP API: logs in once (user and password, or a token
 * from an earlier login) and sends JSON requests with the bearer token. Used by `kiosk fleet
 * devices --registry` and `kiosk fleet rollout`.
 */
export interface RegistryAuth {
  url: string;
  user?: string;
  password?: string;
  token?: string;
}

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class RegistryClient {
  private token: Promise<string> | undefined;

  constructor(private readonly auth: RegistryAuth) {}

  /**
   * The bearer token: one login however many requests wait for it (requests sent together used
   * to log in once each, and a login is a scrypt hash on the registry, ~0.1 s of its CPU).
   */
  private login(): Promise<string> {
    this.token ??= this.logIn();
    return this.token;
  }

  private async logIn(): Promise<string> {
    if (this.auth.token) return this.auth.token;
    if (!this.auth.user || !this.auth.password)
      throw new RegistryError(
        401,
        'the registry needs a login: --registry-user NAME and KIOSK_FLEET_REGISTRY_PASSWORD (or KIOSK_FLEET_REGISTRY_TOKEN)',
      );
    const body = await this.send('POST', '/api/login', {
      user: this.auth.user,
      password: this.auth.password,
    });
    return (body as { token: string }).token;
  }

  async get<T>(path: string): Promise<T> {
    return (await this.send('GET', path, undefined, await this.login())) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.send('POST', path, body, await this.login())) as T;
  }

  /**
   * GET of a JSON answer written to `out` as it arrives, without parsing it (what `kiosk fleet
   * devices --json` prints); resolves with the answer's headers. An error answer is parsed and
   * thrown as `get` does, nothing written.
   */
  async pipe(
    path: string,
    out: NodeJS.WritableStream,
  ): Promise<Record<string, string | string[] | undefined>> {
    return (await this.send('GET', path, undefined, await this.login(), out)).headers;
  }

  /** PUT of bytes as they are (`type` their media type), e.g. a screenshot's PNG. */
  async putBytes<T>(path: string, bytes: Buffer, type: string): Promise<T> {
    return (await this.send('PUT', path, { bytes, type }, await this.login())) as T;
  }

  private async send(method: string, path: string, body: unknown, token?: string): Promise<unknown>;
  private async send(
    method: string,
    path: string,
    body: unknown,
    token: string,
    out: NodeJS.WritableStream,
  ): Promise<{ headers: Record<string, string | string[] | undefined> }>;
  private async send(
    method: string,
    path: string,
    body: unknown,
    token?: string,
    out?: NodeJS.WritableStream,
  ): Promise<unknown> {
    const url = new URL(path, this.auth.url);
    const raw = method === 'PUT' ? (body as { bytes: Buffer; type: string }) : undefined;
    const payload = body === undefined ? undefined : raw ? raw.bytes : Buffer.from(JSON.stringify(body));
    let res: Answer;
    try {
      res = await request(
        url,
        method,
        {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': raw ? raw.type : 'application/json' } : {}),
        },
        payload,
        out,
      );
    } catch (err) {
      throw new RegistryError(
        0,
        `cannot reach the registry at ${this.auth.url}: ${(err as Error).message} (is kiosk fleet serve running?)`,
      );
    }
    if (res.piped) return { headers: res.headers };
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      throw new RegistryError(res.status, `the registry answered ${res.status} with no JSON`);
    }
    if (res.status < 200 || res.status > 299)
      throw new RegistryError(
        res.status,
        `registry: ${(parsed as { error?: string }).error ?? `HTTP ${res.status}`}`,
      );
    return parsed;
  }
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body (empty when it went to `out`). */
  text: string;
  /** True when the body was written to `out` (a 2xx answer). */
  piped: boolean;
}

/**
 * One HTTP(S) request by node:http, resolving with the status, headers and the body as text, or,
 * when `out` is given and the answer is 2xx, with the body written to `out` chunk by chunk. Not
 * fetch: Node compiles its bundled fetch (undici) on the first call, 40-70 ms of a CLI command's
 * start here (#16); a command sends one or two requests.
 */
function request(
  url: URL,
  method: string,
  headers: Record<string, string>,
  payload: Buffer | undefined,
  out?: NodeJS.WritableStream,
): Promise<Answer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, timeout: 30_000 }, (res) => {
      const status = res.statusCode ?? 0;
      const piped = out !== undefined && status >= 200 && status <= 299;
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => {
        if (!piped) chunks.push(d);
        else if (!out.write(d)) {
          res.pause();
          out.once('drain', () => res.resume());
        }
      });
      res.once('error', reject);
      res.once('end', () =>
        resolve({ status, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), piped }),
      );
    });
    req.once('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.once('error', reject);
    req.end(payload);
  });
}
