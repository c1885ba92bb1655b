import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '#config';

/**
 * The browser's two cookies. `rf_session` names the server-side session and is httpOnly:
 * no page script can read it. `rf_csrf` is readable on purpose: the web app echoes it in
 * X-CSRF-Token on every write, which a page on another site cannot do (it can neither
 * read our cookie nor set that header on a cross-site request without a CORS grant).
 */
export const SESSION_COOKIE = 'rf_session';
export const CSRF_COOKIE = 'rf_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function options(config: AppConfig, httpOnly: boolean, expires?: Date): CookieOptions {
  return {
    httpOnly,
    // Lax: a manager following a mail link from webmail arrives signed in; cross-site POSTs carry no cookie
    sameSite: httpOnly ? 'lax' : 'strict',
    secure: config.auth.secureCookies,
    path: '/',
    ...(expires ? { expires } : {}),
  };
}

export function setSessionCookies(res: Response, config: AppConfig, s: { secret: string; csrfToken: string; expiresAt: Date }): void {
  res.cookie(SESSION_COOKIE, s.secret, options(config, true, s.expiresAt));
  res.cookie(CSRF_COOKIE, s.csrfToken, options(config, false, s.expiresAt));
}

export function clearSessionCookies(res: Response, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, options(config, true));
  res.clearCookie(CSRF_COOKIE, options(config, false));
}
