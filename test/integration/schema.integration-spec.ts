import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#persistence';
import { type TestDatabase, createTestDatabase } from '../support/databases.js';

let database: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  ds = await new DataSource(dataSourceOptions({ url: database.url, poolMax: 2, logQueries: false })).initialize();
});
afterAll(async () => {
  await ds?.destroy();
  await database?.drop();
});

describe('the schema', () => {
  it('is exactly what the entities describe: the reviewed migrations and the entities never drift apart', async () => {
    const diff = await ds.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts and re-applies every migration cleanly', async () => {
    const count = ds.migrations.length;
    for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
    const [{ n }] = await ds.query(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(Number(n)).toBe(0);
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(count);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('refuses to change or remove audit events, even for the table owner', async () => {
    await ds.query(
      `INSERT INTO audit_events (aggregate_type, aggregate_id, seq, type, occurred_at, payload, prev_hash, hash)
       VALUES ('matter', gen_random_uuid(), 1, 'matter.drafted', now(), '{}', repeat('0', 64), repeat('a', 64))`,
    );
    await expect(ds.query(`UPDATE audit_events SET type = 'forged'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(ds.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    const [{ n }] = await ds.query(`SELECT count(*) AS n FROM audit_events WHERE type = 'matter.drafted'`);
    expect(Number(n)).toBe(1);
  });

  it('refuses values outside the vocabulary, whoever writes them', async () => {
    await expect(ds.query(`INSERT INTO units (code, name_en, kind) VALUES ('X-1', 'X', 'ministry_of_magic')`)).rejects.toThrow(
      /units_kind_check/,
    );
    await expect(ds.query(`INSERT INTO units (code, kind) VALUES ('X-2', 'district')`)).rejects.toThrow(/units_name_check/);
  });
});
