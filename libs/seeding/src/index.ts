/**
 * Seed data and batch imports (`seeds/`, `npm run seed`, `npm run import`, `POST /batches/import`).
 *
 * Usage from another app (the demo, a test), inside a Nest context that imports ConfigModule,
 * PersistenceModule and SeedingModule (see apps/cli/src/cli-context.ts), with the workflow
 * definitions stored (Bootstrap.syncDefinitions):
 *
 *   const set = readSeedSet('seeds');                                     // validates every file; throws SeedSetError listing each problem
 *   const summary = await app.get(SeedLoader).load(set);                  // idempotent; { units, batches, matters: {created, updated, unchanged}, ... }
 *   await app.get(SeedLoader).load(set, { workflow: 'demo' });            // new batches run on the `demo` workflow instead
 *   const demo = await loadDemoUsers(app);                                // seeds/demo/users.yaml, after the units are seeded; never by `npm run seed`
 *   const report = await app.get(ImportBatch).execute(actor, csvText, { format: 'csv' }); // all or nothing; ImportRejectedError lists bad rows
 */
export * from './files/problems.js';
export * from './files/file-schemas.js';
export * from './files/batch-file.js';
export * from './files/csv-batch.js';
export * from './files/yaml-batch.js';
export * from './files/seed-set.js';
export * from './import/read-import-file.js';
export * from './import/import-batch.usecase.js';
export * from './system-account.js';
export * from './seed-loader.js';
export * from './demo-users.js';
export * from './seeding.module.js';
