import { type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import type { Clock } from '#domain';
import { type ClaimRef, Db, IdempotencyKeyStore, type IdempotencyRecord, type IdempotentAnswer } from '#persistence';
import { CLOCK } from '#workflow';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import {
  IN_PROGRESS_LEASE_MS,
  KEPT_HEADERS,
  REPLAYED_HEADER,
  abandoned,
  bodyFingerprint,
  idempotencyKeyOf,
  inProgress,
  isWrite,
  keyNotTaken,
  keepsAnswer,
  reusedOnOtherOperation,
  reusedWithOtherBody,
  takesIdempotencyKey,
} from './idempotency.js';
import type { Problem } from './problem.js';
import { ProblemFilter } from './problem.filter.js';
import { ReplayedProblem } from './problem.js';

const RETRY_AFTER_SECONDS = 1;

/**
 * Idempotent retries: a signed-in write sent with an Idempotency-Key runs once per person and
 * key. The key is claimed in PostgreSQL before the handler runs (so of two requests racing
 * with one key one runs, the other is told it is in progress), and the answer is kept when
 * the handler has answered; a retry with the same request gets that answer again, marked
 * Idempotent-Replayed, and nothing runs. Kept for 24 hours. A 5xx is not kept: the claim is
 * given back, so the retry may succeed. Requests without the header are untouched.
 *
 * The claim and the kept answer are statements of their own beside the handler's transaction:
 * an api killed between the handler's commit and keeping its answer leaves a claim with no
 * answer, which a retry is told about (409 idempotency_key.abandoned) rather than running twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private readonly problems = new ProblemFilter();

  constructor(
    private readonly db: Db,
    private readonly keys: IdempotencyKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & Partial<AuthenticatedRequest>>();
    const res = context.switchToHttp().getResponse<Response>();
    const route = `${req.baseUrl ?? ''}${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    // public routes (the sign-ins) have no person to scope a key to, and take none
    if (!req.actor || !isWrite(req.method)) return next.handle();
    const key = idempotencyKeyOf(req.headers['idempotency-key']);
    if (key === undefined) return next.handle();
    if (!takesIdempotencyKey(req.method, route)) throw keyNotTaken(req.method, route);

    const request = {
      actorId: req.actor.userId,
      key,
      method: req.method,
      path: req.originalUrl,
      bodyHash: bodyFingerprint(req.body, req.headers['if-match']),
    };
    const now = this.clock.now();
    const claim = await this.keys.claim(this.db, request, now);
    if (!claim.claimed) return this.replay(claim.record, request, res, now);

    const ref: ClaimRef = { actorId: request.actorId, key, claimedAt: claim.claimedAt };
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        // a file is not kept (no write answers with one): the key is given back
        if (body instanceof StreamableFile) await this.release(ref);
        else await this.keep(ref, { status: res.statusCode, headers: keptHeaders(res), body: body ?? null });
        return body;
      }),
      catchError((e: unknown) => {
        const problem = this.problems.toProblem(e, req);
        const settled = keepsAnswer(problem.status, problem.code)
          ? this.keep(ref, { status: problem.status, headers: {}, body: problem })
          : this.release(ref);
        return from(settled).pipe(mergeMap(() => throwError(() => e)));
      }),
    );
  }

  /** The request is a retry, or collides with another use of its key. */
  private replay(
    record: IdempotencyRecord,
    request: { method: string; path: string; bodyHash: string },
    res: Response,
    now: Date,
  ): Observable<unknown> {
    if (record.method !== request.method || record.path !== request.path) throw reusedOnOtherOperation(record.method, record.path);
    if (record.bodyHash !== request.bodyHash) throw reusedWithOtherBody();
    const answer = record.answer;
    if (!answer) {
      if (now.getTime() - record.createdAt.getTime() > IN_PROGRESS_LEASE_MS) throw abandoned();
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw inProgress(RETRY_AFTER_SECONDS);
    }
    res.setHeader(REPLAYED_HEADER, 'true');
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    if (answer.status >= 400) throw new ReplayedProblem(answer.body as Problem);
    res.status(answer.status);
    return of(answer.body);
  }

  /**
   * Keeps the answer. The write has happened whatever this does, so a failure here is logged
   * and the answer still goes out: a retry then meets the unanswered claim, never a second write.
   */
  private async keep(ref: ClaimRef, answer: IdempotentAnswer): Promise<void> {
    try {
      if (!(await this.keys.complete(this.db, ref, answer, this.clock.now())))
        this.logger.warn(`idempotency key ${ref.key}: its claim was gone when the answer was to be kept`);
    } catch (e) {
      this.logger.error(`idempotency key ${ref.key}: the answer could not be kept: ${(e as Error).message}`);
    }
  }

  /** Gives the key back (the request failed on our side): a retry runs afresh. */
  private async release(ref: ClaimRef): Promise<void> {
    await this.keys.release(this.db, ref).catch((e: Error) => this.logger.error(`idempotency key ${ref.key}: not released: ${e.message}`));
  }
}

function keptHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}
