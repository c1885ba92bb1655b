/**
 * The DataSource for TypeORM's own CLI, e.g. to draft a migration after changing an
 * entity (then read and edit it by hand before committing):
 *   npm run build && npx typeorm migration:generate -d dist/libs/persistence/src/cli/typeorm-data-source.js libs/persistence/src/migrations/Name
 */
import { DataSource } from 'typeorm';
import { loadAppConfig } from '#config';
import { dataSourceOptions } from '../data-source.js';

export default new DataSource(dataSourceOptions(loadAppConfig().database, 'reformflow-cli'));
