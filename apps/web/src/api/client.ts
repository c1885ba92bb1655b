/**
 * The one door to the JSON API (/api/v1). Cookie session (credentials same-origin), the
 * X-CSRF-Token header from the rf_csrf cookie on every write, If-Match with the version a
 * write was made against, problem+json parsed into ApiProblem, and 401 → /login?next=….
 */
import { API_BASE } from './paths';
import { takePrefetched } from './prefetch';
import type { paths } from './schema';

export { API_BASE };

/** `/matters/{id}/timeline` → `/matters/${string}/timeline`: a path the OpenAPI document names, ids filled in. */
type Filled<P extends string> = P extends `${infer A}{${string}}${infer B}` ? `${A}${string}${Filled<B>}` : P;
/** Every path of the API below /api/v1, so a path the API no longer has fails the build. */
type Below<K> = K extends `/api/v1${infer R}` ? R : never;
export type ApiPath = Filled<Below<keyof paths>>;

export interface FieldError {
  field: string;
  rule?: string;
  message: string;
  row?: number;
}

/** An application/problem+json answer (or a network failure, status 0). */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly type: string | undefined;
  readonly instance: string | undefined;

  constructor(
    status: number,
    body: Partial<{ code: string; title: string; detail: string; errors: FieldError[]; type: string; instance: string }>,
  ) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : `http.${status}`);
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    this.type = body.type;
    this.instance = body.instance;
  }
}

export const isProblem = (e: unknown): e is ApiProblem => e instanceof ApiProblem;

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

const SIGNED_IN_FLAG = 'rf_signed_in';
export const markSignedIn = (on: boolean): void => {
  try {
    if (on) sessionStorage.setItem(SIGNED_IN_FLAG, '1');
    else sessionStorage.removeItem(SIGNED_IN_FLAG);
  } catch {
    /* storage may be unavailable (private mode): the flag only chooses a message */
  }
};
const wasSignedIn = (): boolean => {
  try {
    return sessionStorage.getItem(SIGNED_IN_FLAG) === '1';
  } catch {
    return false;
  }
};

/** Where a page that needs a session sends the person: sign-in, remembering the page. */
export function loginPath(next: string, expired = false): string {
  const q = new URLSearchParams();
  if (next && next !== '/' && !next.startsWith('/login')) q.set('next', next);
  if (expired) q.set('expired', '1');
  const s = q.toString();
  return s ? `/login?${s}` : '/login';
}

let redirecting = false;
function toLogin(): void {
  if (redirecting || window.location.pathname === '/login') return;
  redirecting = true;
  const expired = wasSignedIn();
  markSignedIn(false);
  window.location.assign(loginPath(window.location.pathname + window.location.search, expired));
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** The version the write was made against: sent as If-Match: "<version>". */
  version?: number;
  /** A raw body (text/csv, application/yaml) instead of JSON. */
  text?: { body: string; contentType: string };
  signal?: AbortSignal;
  /** Do not leave the page on a 401 (the sign-in form, the session probe). */
  allowUnauthorized?: boolean;
  /** More headers (On-Behalf-Of on a deputy's matter command). */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Query): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return `${API_BASE}${path}${s ? `?${s}` : ''}`;
}

export interface ApiResponse<T> {
  data: T;
  /** The ETag's version, when the answer carries one. */
  version: number | undefined;
  status: number;
}

export async function requestFull<T>(method: string, path: ApiPath, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers, Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (opts.text) {
    headers['Content-Type'] = opts.text.contentType;
    body = opts.text.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('rf_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  if (opts.version !== undefined) headers['If-Match'] = `"${opts.version}"`;
  let res: Response;
  try {
    const url = buildUrl(path, opts.query);
    const early = method === 'GET' && !opts.signal && !opts.headers ? takePrefetched(url) : undefined;
    res = await (early ?? fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal }));
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiProblem(0, { code: 'network', detail: (e as Error).message });
  }
  const etag = res.headers.get('ETag');
  const m = etag ? /(\d+)/.exec(etag) : null;
  const version = m ? Number(m[1]) : undefined;
  if (res.status === 204) return { data: undefined as T, version, status: res.status };
  const type = res.headers.get('Content-Type') ?? '';
  const parsed: unknown = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    const problem = new ApiProblem(
      res.status,
      parsed && typeof parsed === 'object' ? parsed : { detail: typeof parsed === 'string' ? parsed : '' },
    );
    if (res.status === 401 && !opts.allowUnauthorized) toLogin();
    throw problem;
  }
  return { data: parsed as T, version, status: res.status };
}

export async function request<T>(method: string, path: ApiPath, opts: RequestOptions = {}): Promise<T> {
  return (await requestFull<T>(method, path, opts)).data;
}

export const api = {
  get: <T>(path: ApiPath, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: ApiPath, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: ApiPath, body: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: ApiPath, body: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('PUT', path, { ...opts, body }),
  delete: <T = void>(path: ApiPath, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
};
