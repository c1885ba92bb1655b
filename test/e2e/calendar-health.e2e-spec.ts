import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app.js';
import { testConfig } from '../support/config.js';
import { type System, startSystem } from '../support/system.js';

/**
 * The worker's /health says when the holiday data runs out: a missing current year at any
 * time, a missing next year from October. Deterministic whatever today is: one calendar
 * directory has no year at all, the other has this year and the next (test data, no holidays).
 */
let sys: System;
const dirs: string[] = [];
const apps: INestApplication[] = [];

function calendars(years: number[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'reformflow-calendars-'));
  dirs.push(dir);
  for (const year of years)
    writeFileSync(join(dir, `cn-${year}.yaml`), `year: ${year}\nsource: "test data"\ntimeZone: Asia/Shanghai\nholidays: []\n`);
  return dir;
}

async function health(calendarsDir: string) {
  const app = await createWorkerApp(testConfig({ ...sys.env, WORKER_PORT: '0', CALENDARS_DIR: calendarsDir }));
  await app.init();
  apps.push(app);
  return request(app.getHttpServer()).get('/health');
}

beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await sys?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// the year in Beijing now (the calendars' zone)
const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

describe('the worker /health and the business calendar', () => {
  it('warns, without failing readiness, when the holiday data lacks the current year', async () => {
    const res = await health(calendars([]));
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.calendar).toMatchObject({ status: 'warning', currentYear: thisYear, years: [] });
    expect(res.body.checks.calendar.missing).toContain(thisYear);
    expect(res.body.warnings).toEqual([expect.stringContaining(`cn-${thisYear}.yaml`)]);
  });

  it('is quiet when this year and the next are there', async () => {
    const res = await health(calendars([thisYear, thisYear + 1]));
    expect(res.status).toBe(200);
    expect(res.body.checks.calendar).toMatchObject({ status: 'ok', missing: [], years: [thisYear, thisYear + 1] });
    expect(res.body.warnings).toEqual([]);
  });
});
