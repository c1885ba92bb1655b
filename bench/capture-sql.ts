/** `node dist/bench/capture-sql.js`: prints the SQL of each transition of one full cycle (development aid). */
import { captureCycle, shape } from './support/capture.js';
import { benchDatabase } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { privateRedis } from './support/redis.js';
import { runBenchmark } from './support/run.js';
import { buildWorld } from './support/world.js';

runBenchmark('capture-sql', async (flags) => {
  assertBuilt();
  const db = await benchDatabase('capture', { keep: flags.keep });
  const redis = await privateRedis();
  const env = systemEnv({ databaseUrl: db.url, redisUrl: redis.url });
  const api = await startApp('api', env);
  const world = await buildWorld(api.url);
  const captured = await captureCycle(env, world);
  for (const t of captured) {
    console.log(`\n=== ${t.step} (${t.statements.length} statements)`);
    for (const s of t.statements)
      console.log(
        `  ${shape(s.sql).slice(0, flags.has('full') ? 100_000 : 220)}${flags.has('params') ? `\n      ${JSON.stringify(s.params).slice(0, 600)}` : ''}`,
      );
  }
});
