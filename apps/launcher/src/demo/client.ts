/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any --
   the demo reads the API's JSON loosely, as the end-to-end tests do (test/** has the same rules off); each step checks the state it relies on */
/**
 * The demo as a client of the public HTTP API: fetch, bearer tokens from /auth/login,
 * If-Match on every write. A refused request throws with its problem+json.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export interface Person {
  id: string;
  email: string;
  displayName: string;
  unitId: string;
  roles: string[];
  password: string;
}

// API payloads are read loosely: the demo checks what it relies on as it goes
export type Json = Record<string, any>;

export class ApiClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(readonly baseUrl: string) {}

  token(who: Pick<Person, 'email' | 'password'>): Promise<string> {
    let t = this.tokens.get(who.email);
    if (!t) {
      t = this.request('POST', '/api/v1/auth/login', null, { email: who.email, password: who.password }).then(
        (r) => r.accessToken as string,
      );
      t.catch(() => this.tokens.delete(who.email));
      this.tokens.set(who.email, t);
    }
    return t;
  }

  async get(who: Pick<Person, 'email' | 'password'>, path: string): Promise<any> {
    return this.request('GET', path, await this.token(who));
  }

  async post(who: Pick<Person, 'email' | 'password'>, path: string, body: unknown = {}, version?: number): Promise<any> {
    return this.request('POST', path, await this.token(who), body, version);
  }

  async patch(who: Pick<Person, 'email' | 'password'>, path: string, body: unknown, version?: number): Promise<any> {
    return this.request('PATCH', path, await this.token(who), body, version);
  }

  /** The raw response of a GET, for documents (PDF, Markdown, HTML). */
  async download(who: Pick<Person, 'email' | 'password'>, path: string): Promise<{ status: number; type: string; bytes: Buffer }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${await this.token(who)}` },
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
  }

  private async request(method: string, path: string, token: string | null, body?: unknown, version?: number): Promise<any> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (version !== undefined) headers['if-match'] = `"${version}"`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed;
  }
}
