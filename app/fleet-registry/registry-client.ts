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
  private token: string | undefined;

  constructor(private readonly auth: RegistryAuth) {}

  private async login(): Promise<string> {
    if (this.token) return this.token;
    if (this.auth.token) return (this.token = this.auth.token);
    if (!this.auth.user || !this.auth.password)
      throw new RegistryError(
        401,
        'the registry needs a login: --registry-user NAME and KIOSK_FLEET_REGISTRY_PASSWORD (or KIOSK_FLEET_REGISTRY_TOKEN)',
      );
    const body = await this.send('POST', '/api/login', {
      user: this.auth.user,
      password: this.auth.password,
    });
    return (this.token = (body as { token: string }).token);
  }

  async get<T>(path: string): Promise<T> {
    return (await this.send('GET', path, undefined, await this.login())) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.send('POST', path, body, await this.login())) as T;
  }

  /** PUT of bytes as they are (`type` their media type), e.g. a screenshot's PNG. */
  async putBytes<T>(path: string, bytes: Buffer, type: string): Promise<T> {
    return (await this.send('PUT', path, { bytes, type }, await this.login())) as T;
  }

  private async send(method: string, path: string, body: unknown, token?: string): Promise<unknown> {
    const url = new URL(path, this.auth.url);
    const raw = method === 'PUT' ? (body as { bytes: Buffer; type: string }) : undefined;
    const payload = body === undefined ? undefined : raw ? raw.bytes : Buffer.from(JSON.stringify(body));
    let res: { status: number; text: string };
    try {
      res = await request(
        url,
        method,
        {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': raw ? raw.type : 'application/json' } : {}),
        },
        payload,
      );
    } catch (err) {
      throw new RegistryError(
        0,
        `cannot reach the registry at ${this.auth.url}: ${(err as Error).message} (is kiosk fleet serve running?)`,
      );
    }
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

/**
 * One HTTP(S) request by node:http, resolving with the status and the body as text. Not fetch:
 * Node compiles its bundled fetch (undici) on the first call, 40-70 ms of a CLI command's start
 * here (#16); a command sends one or two requests.
 */
function request(
  url: URL,
  method: string,
  headers: Record<string, string>,
  payload: Buffer | undefined,
): Promise<{ status: number; text: string }> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.once('error', reject);
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.once('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.once('error', reject);
    req.end(payload);
  });
}
