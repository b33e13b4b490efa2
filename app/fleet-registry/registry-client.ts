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
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': raw ? raw.type : 'application/json' }),
        },
        ...(body === undefined ? {} : { body: raw ? new Uint8Array(raw.bytes) : JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new RegistryError(
        0,
        `cannot reach the registry at ${this.auth.url}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message} (is kiosk fleet serve running?)`,
      );
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new RegistryError(res.status, `the registry answered ${res.status} with no JSON`);
    }
    if (!res.ok)
      throw new RegistryError(
        res.status,
        `registry: ${(parsed as { error?: string }).error ?? `HTTP ${res.status}`}`,
      );
    return parsed;
  }
}
