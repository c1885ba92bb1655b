import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind } from '#domain';
import { StaleVersionError, pgError } from '#persistence';
import { INVALID_UTF8, PROBLEM_CONTENT_TYPE, type Problem, ProblemError, ReplayedProblem, problemType } from './problem.js';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, unprocessable: 422 };
const TITLE_OF_STATUS: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not permitted',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Refused by a business rule',
  428: 'Version required',
  500: 'Internal error',
};

/** The routes that take an email and password. */
const SIGN_IN_ROUTES = /\/auth\/(login|session)$/;

/** Unique constraints → the input field a person must change. */
const UNIQUE_FIELDS: Record<string, string> = {
  units_code_key: 'code',
  users_email_key: 'email',
  batches_code_key: 'code',
  matters_batch_code_key: 'code',
};

/**
 * Writes every error as application/problem+json (RFC 9457). Known errors keep their
 * status, code and fields; anything unexpected is logged with its stack and answered
 * with a 500 that reveals nothing.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (problem.status >= 500)
      this.logger.error(`${req.method} ${req.originalUrl} failed`, (exception as Error)?.stack ?? String(exception));
    this.audit(problem, req);
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    if (res.headersSent) return;
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  /**
   * What an auditor looks for, on its own line beside the request line: every refused sign-in
   * (which account, from where, why) and every 403 (who, which operation, which rule). The
   * email is who; the password is never read here.
   */
  private audit(problem: Problem, req: Request): void {
    const r = req as Request & { actor?: { userId: string; unitId: string; roles: string[] } };
    const route = `${r.baseUrl ?? ''}${(r.route as { path?: string } | undefined)?.path ?? r.path}`;
    if (SIGN_IN_ROUTES.test(route) && (problem.status === 401 || problem.status === 429)) {
      const email = (r.body as { email?: unknown } | undefined)?.email;
      this.logger.warn(
        {
          event: 'sign_in.refused',
          account: typeof email === 'string' ? email.trim().toLowerCase() : null,
          address: r.ip,
          code: problem.code,
          status: problem.status,
        },
        `sign-in refused (${problem.code})`,
      );
    } else if (problem.status === 403) {
      this.logger.warn(
        {
          event: 'access.denied',
          actorId: r.actor?.userId ?? null,
          actorUnitId: r.actor?.unitId ?? null,
          actorRoles: r.actor?.roles ?? [],
          method: r.method,
          route,
          matterId: /\/matters\/:id(\/|$)/.test(route) ? (r.params as Record<string, string>).id : undefined,
          code: problem.code,
          detail: problem.detail,
        },
        `403 ${r.method} ${route} (${problem.code})`,
      );
    }
  }

  /** The body an error is answered with; the Idempotency-Key interceptor keeps it to answer a retry with the same. */
  toProblem(e: unknown, req: Request): Problem {
    const instance = req.originalUrl.split('?')[0];
    const make = (status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem => ({
      type: problemType(code),
      title: TITLE_OF_STATUS[status] ?? 'Error',
      status,
      detail,
      instance,
      code,
      ...extra,
    });

    if (e instanceof ReplayedProblem) return e.problem;
    if (e instanceof ProblemError) {
      return make(e.status, e.code, e.detail, { title: e.title, ...(e.errors ? { errors: e.errors } : {}), ...e.extensions });
    }
    if (e instanceof DomainError) {
      return make(
        STATUS_OF_KIND[e.kind],
        e.code,
        e.message,
        e.field ? { errors: [{ field: e.field, rule: e.code, message: e.message }] } : {},
      );
    }
    if (e instanceof StaleVersionError) {
      return make(
        409,
        'version.stale',
        e.currentVersion === null
          ? 'the matter no longer exists'
          : `the matter changed since you read it (you sent version ${e.expectedVersion}, it is now at ${e.currentVersion}): read it again and retry`,
        { currentVersion: e.currentVersion },
      );
    }
    const pg = pgError(e);
    if (pg?.code === '23505') {
      const field = (pg.constraint && UNIQUE_FIELDS[pg.constraint]) ?? 'id';
      return make(409, 'unique.taken', `the ${field} is already used by another record`, {
        errors: [{ field, rule: 'unique', message: 'is already taken' }],
      });
    }
    if (pg?.code === '23503') return make(422, 'reference.unknown', 'the request refers to a record that does not exist');
    if (pg?.code === '40001' || pg?.code === '40P01')
      return make(409, 'concurrent.retry', 'another change to the same record happened at the same moment: retry');
    // body-parser errors carry `type` and `status`
    const bodyError = e as { type?: string; status?: number };
    if (bodyError?.type === 'entity.parse.failed') return make(400, 'body.malformed_json', 'the request body is not valid JSON');
    if (bodyError?.type === 'body.invalid_utf8' || (e instanceof HttpException && e.message === INVALID_UTF8))
      return make(400, 'body.invalid_utf8', 'the request body is not valid UTF-8: send JSON encoded as UTF-8', {
        errors: [{ field: 'body', rule: 'utf8', message: 'is not valid UTF-8' }],
      });
    if (bodyError?.type === 'entity.too.large') return make(413, 'body.too_large', 'the request body is larger than the 256 kB limit');
    if (bodyError?.type === 'encoding.unsupported' || bodyError?.type === 'charset.unsupported') {
      return make(415, 'body.unsupported_encoding', 'send the body as UTF-8 JSON');
    }
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const response = e.getResponse();
      const raw = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? e.message);
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : JSON.stringify(raw);
      // Nest hands body-parser failures over as plain HttpExceptions
      if (status === 404) return make(404, 'route.not_found', `there is no endpoint ${req.method} ${instance}`);
      if (status === 413) return make(413, 'body.too_large', 'the request body is larger than the 256 kB limit');
      if (status === 400 && /JSON|token|position/i.test(message))
        return make(400, 'body.malformed_json', `the request body is not valid JSON: ${message}`);
      return make(status, `http.${status}`, message);
    }
    return make(500, 'internal', 'something went wrong on our side; it has been logged');
  }
}
