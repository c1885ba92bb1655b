/**
 * Database maintenance from the command line (npm run db:migrate | db:migrate:revert | db:reset).
 *   migrate            create the database if missing (not in production), apply pending migrations
 *   migrate revert     undo the last migration
 *   migrate reset      drop everything and migrate from scratch (refused in production)
 */
import { DataSource } from 'typeorm';
import { loadAppConfig } from '#config';
import { dataSourceOptions } from '../data-source.js';
import { ensureDatabase, migrate } from '../database-admin.js';

const command = process.argv[2] ?? 'up';
const config = loadAppConfig();
const where = new URL(config.database.url);
where.password = '';
const label = `${where.host}${where.pathname}`;

try {
  if (command === 'up') {
    if (config.env !== 'production' && (await ensureDatabase(config.database.url))) console.log(`created database ${label}`);
    const applied = await migrate(config.database);
    console.log(applied.length ? `applied ${applied.length} migration(s) to ${label}: ${applied.join(', ')}` : `${label} is up to date`);
  } else if (command === 'revert' || command === 'reset') {
    if (command === 'reset' && config.env === 'production') throw new Error('db:reset is refused when NODE_ENV=production');
    const ds = await new DataSource(dataSourceOptions(config.database, 'reformflow-migrate')).initialize();
    try {
      if (command === 'revert') {
        await ds.undoLastMigration({ transaction: 'each' });
        console.log(`reverted the last migration on ${label}`);
      } else {
        await ds.query('DROP SCHEMA public CASCADE');
        await ds.query('CREATE SCHEMA public');
        const applied = await ds.runMigrations({ transaction: 'each' });
        console.log(`reset ${label} and applied ${applied.length} migration(s)`);
      }
    } finally {
      await ds.destroy();
    }
  } else {
    throw new Error(`unknown command "${command}": use up, revert or reset`);
  }
} catch (e) {
  console.error(`db ${command} failed: ${(e as Error).message}`);
  process.exit(1);
}
