import type { NextFunction, Request, Response } from 'express';

/** Headers a page on an allowed origin may send, and the ones it may read from an answer. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'X-CSRF-Token', 'X-Request-Id', 'Accept-Language'];
const EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * CORS from configuration (CORS_ORIGINS). The web app is served from the api's own origin, so
 * by default no other origin is allowed: a preflight from one is answered 204 with no
 * Access-Control-Allow-* header, which a browser reads as a refusal. A configured origin gets
 * the headers, credentials (the session cookie) included. Every answer varies by Origin, so a
 * cache never hands one origin's answer to another.
 */
export function corsFromConfig(origins: readonly string[]) {
  const allowed = new Set(origins.map((o) => o.toLowerCase()));
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    res.vary('Origin');
    const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
    const ok = origin !== undefined && allowed.has(origin.toLowerCase());
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (!preflight) res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
    }
    if (!preflight) return next();
    if (ok) {
      res.setHeader('Access-Control-Allow-Methods', METHODS.join(', '));
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}
