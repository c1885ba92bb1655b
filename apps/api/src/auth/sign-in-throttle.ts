import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '#config';
import { ProblemError } from '../http/problem.js';

/**
 * Sign-in is throttled per account and per client address, with the counts in Redis so that
 * every api process shares them. Each attempt costs a full argon2 hash, so unthrottled
 * sign-in is both a password-guessing door and a cheap way to load the api. Both sign-in
 * routes (the bearer token and the web session) share one count, right passwords included:
 * a blocked account waits out its window whoever knows the password.
 *
 * Written here rather than with @nestjs/throttler: its 6.x is CommonJS and requires
 * @nestjs/common, which Nest 12 ships as ES modules only; Node runs that, jest's module
 * system does not (it needs Node 24.9). The storage below is what its Redis adapters do.
 */

// one round trip: count the attempt, start its window on the first, block past the limit
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked }`;

@Injectable()
export class SignInAttempts implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    this.redis.on('error', () => undefined); // a failing call below reports it
    this.prefix = `{${config.queues.prefix}}:signin:`;
  }

  /** Counts one attempt against `limit` per `windowMs`; past it the key is blocked for a whole window. */
  async count(key: string, limit: number, windowMs: number): Promise<{ hits: number; blockedForSeconds: number }> {
    const base = `${this.prefix}${key}`;
    const [hits, , blockedMs] = (await this.redis.eval(INCREMENT, 2, base, `${base}:blocked`, windowMs, limit, windowMs)) as [
      number,
      number,
      number,
    ];
    return { hits, blockedForSeconds: blockedMs > 0 ? Math.ceil(blockedMs / 1000) : 0 };
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The account a sign-in names: its email as the login use case reads it. */
const accountOf = (req: Request): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
};

/** Guards the sign-in routes: one count for the account the body names, one for the caller's address. */
@Injectable()
export class SignInThrottle implements CanActivate {
  private readonly logger = new Logger(SignInThrottle.name);

  constructor(
    private readonly attempts: SignInAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const { perAccount, perAddress, windowMs } = this.config.signIn;
    const address = req.ip ?? 'unknown';
    const account = accountOf(req);
    const [byAccount, byAddress] = await Promise.all([
      account ? this.attempts.count(`account:${account}`, perAccount, windowMs) : Promise.resolve({ hits: 0, blockedForSeconds: 0 }),
      this.attempts.count(`address:${address}`, perAddress, windowMs),
    ]).catch(() => {
      throw new ProblemError(503, 'service.unavailable', 'Service unavailable', 'sign-in is unavailable just now: try again shortly');
    });
    const retryAfter = Math.max(byAccount.blockedForSeconds, byAddress.blockedForSeconds);
    if (retryAfter === 0) return true;
    const which = byAccount.blockedForSeconds > 0 ? `account ${account}` : `address ${address}`;
    this.logger.warn(`sign-in refused: too many attempts for ${which} (from ${address}); retry after ${retryAfter} s`);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ProblemError(
      429,
      'auth.too_many_attempts',
      'Too many sign-in attempts',
      `too many sign-in attempts: try again in ${retryAfter} seconds`,
      undefined,
      { retryAfter },
    );
  }
}
