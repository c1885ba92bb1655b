import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '#config';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

/** The one DataSource definition: the api, the worker, the migration CLI and the tests all use it. */
export function dataSourceOptions(database: AppConfig['database'], applicationName = 'reformflow'): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    applicationName,
    // failed statements surface as errors the callers map or log; logging them here too would double every 409
    logging: database.logQueries ? 'all' : ['migration', 'warn'],
    extra: { max: database.poolMax, connectionTimeoutMillis: 5_000 },
  };
}
