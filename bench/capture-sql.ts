/**
 * `node dist/bench/capture-sql.js [--full] [--params]`: the SQL of each transition of one full
 * cycle, as the api runs it, then a table of its PostgreSQL round trips per command (each
 * statement is one; BEGIN and COMMIT count, so a command in one transaction costs its
 * statements + 2). A development aid and the round-trip table of bench/README.md.
 */
import { captureCycle, shape } from './support/capture.js';
import { benchDatabase } from './support/postgres.js';
import { assertBuilt, startApp, systemEnv } from './support/processes.js';
import { privateRedis } from './support/redis.js';
import { printTable } from './support/report.js';
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
    console.log(`\n=== ${t.step} (${t.outside.length} before its transaction, ${t.statements.length} in it)`);
    for (const s of t.statements)
      console.log(
        `  ${shape(s.sql).slice(0, flags.has('full') ? 100_000 : 220)}${flags.has('params') ? `\n      ${JSON.stringify(s.params).slice(0, 600)}` : ''}`,
      );
  }
  const trips = (t: (typeof captured)[number]) => t.outside.length + (t.statements.length > 0 ? t.statements.length + 2 : 0);
  printTable(
    'PostgreSQL round trips per api command (one full cycle)',
    ['command', 'HTTP', 'before the transaction', 'in it', 'round trips'],
    captured.map((t) => [t.step, String(t.status), String(t.outside.length), String(t.statements.length), String(trips(t))]),
  );
  console.log(`total: ${captured.reduce((a, t) => a + trips(t), 0)} round trips for ${captured.length} commands`);
});
