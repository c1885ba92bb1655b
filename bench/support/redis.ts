/** A private redis-server per benchmark (the tests' helper), stopped at the end. */
import { type TestRedis, freePort, startRedis } from '../../test/support/redis-server.js';
import { onCleanup } from './run.js';

export { freePort };
export type BenchRedis = TestRedis;

export async function privateRedis(): Promise<BenchRedis> {
  const redis = await startRedis();
  onCleanup(`stop redis-server on port ${redis.port}`, () => redis.close());
  return redis;
}

/** `used_memory` from INFO memory, in bytes. */
export async function usedMemory(redis: BenchRedis): Promise<number> {
  const info = await redis.client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}
