import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { ADMIN_PASSWORD, testConfig } from './config.js';
import { type TestDatabase, createTestDatabase } from './databases.js';

/** The real api (same factory as production) on its own database, driven over HTTP. */
export interface ApiHarness {
  app: INestApplication;
  db: TestDatabase;
  http: ReturnType<typeof request>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  login(email: string, password?: string): Promise<string>;
  /** Row counts of the tables a command writes, to prove a refused request wrote nothing. */
  footprint(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startApi(env: Record<string, string> = {}): Promise<ApiHarness> {
  const db = await createTestDatabase();
  let app: INestApplication;
  try {
    ({ app } = await createApiApp(testConfig({ DATABASE_URL: db.url, ...env })));
    await app.init();
  } catch (e) {
    await db.drop();
    throw e;
  }
  const http = request(app.getHttpServer());
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const sql = <T>(query: string, params: unknown[] = []) => dataSource.query<T[]>(query, params);
  return {
    app,
    db,
    http,
    sql,
    async login(email, password = ADMIN_PASSWORD) {
      const res = await http.post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async footprint() {
      const tables = [
        'units',
        'users',
        'batches',
        'matters',
        'milestones',
        'approval_steps',
        'matter_targets',
        'audit_events',
        'outbox',
        'workflow_definitions',
      ];
      const out: Record<string, number> = {};
      for (const t of tables) out[t] = Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0].n);
      const [{ v }] = await sql<{ v: string | null }>('SELECT sum(version) AS v FROM matters');
      out['matters.version'] = Number(v ?? 0);
      return out;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
