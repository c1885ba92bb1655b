import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#config';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: {
    postgres: { status: 'up' | 'down'; latencyMs?: number; error?: string };
    redis: { status: 'up' | 'down' | 'misconfigured'; latencyMs?: number; maxmemoryPolicy?: string; error?: string };
  };
}

const TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Readiness: PostgreSQL answers, Redis answers, and Redis will not evict keys
 * (`maxmemory-policy noeviction`): under any other policy Redis may silently drop
 * queued jobs and timers when memory runs short.
 */
@Injectable()
export class HealthProbe implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = new Redis(config.redis.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: TIMEOUT_MS,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined); // reported by check(), not as an unhandled event
  }

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([this.postgres(), this.redisCheck()]);
    return { status: postgres.status === 'up' && redis.status === 'up' ? 'ok' : 'unavailable', checks: { postgres, redis } };
  }

  private async postgres(): Promise<HealthReport['checks']['postgres']> {
    const start = Date.now();
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 'PostgreSQL');
      return { status: 'up', latencyMs: Date.now() - start };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }

  private async redisCheck(): Promise<HealthReport['checks']['redis']> {
    const start = Date.now();
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await withTimeout(this.redis.connect(), 'Redis');
      const info = await withTimeout(this.redis.info('memory'), 'Redis');
      const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? 'unknown';
      const latencyMs = Date.now() - start;
      if (policy !== 'noeviction') {
        return {
          status: 'misconfigured',
          latencyMs,
          maxmemoryPolicy: policy,
          error: 'set maxmemory-policy noeviction: any other policy lets Redis drop queued jobs',
        };
      }
      return { status: 'up', latencyMs, maxmemoryPolicy: policy };
    } catch (e) {
      return { status: 'down', error: (e as Error).message };
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
