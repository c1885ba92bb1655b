/**
 * What the web app stands on, over HTTP: the cookie session with its CSRF token, the
 * inbox (GET /me/tasks) of every role, the actions the domain offers each person, the
 * matter list as CSV, and the built web app served on the api's origin.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import type { ApiHarness } from '../support/api-harness.js';
import { startApi } from '../support/api-harness.js';
import { type ApiWorld, type MatterBody, type Who, buildWorld, deciderOf } from '../support/api-world.js';
import { PASSWORD } from '../support/config.js';

let api: ApiHarness;
let world: ApiWorld;
const web = mkdtempSync(join(tmpdir(), 'reformflow-web-'));
writeFileSync(join(web, 'index.html'), '<!doctype html><html lang="zh-CN"><title>Reformflow</title><div id="root"></div></html>');
// an asset as the build writes it: the file, and beside it the same bytes brotli- and gzip-compressed
const script = `export const greeting = ${JSON.stringify('你好'.repeat(400))};\n`;
mkdirSync(join(web, 'assets'));
writeFileSync(join(web, 'assets', 'index-abc123.js'), script);
writeFileSync(join(web, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
writeFileSync(join(web, 'assets', 'index-abc123.js.gz'), gzipSync(script));
writeFileSync(join(web, 'assets', 'plain-abc123.css'), 'body{margin:0}');

beforeAll(async () => {
  api = await startApi({ WEB_DIST_DIR: web });
  world = await buildWorld(api);
});
afterAll(() => api?.close());

const bearer = (who: Who) => ({ Authorization: `Bearer ${world.token(who)}` });
const email = (key: string) => `${key.toLowerCase()}@reformflow.test`;

/** Signs in as the web app does; returns the cookie header to send and the CSRF token to echo. */
async function signIn(key: string, password = PASSWORD): Promise<{ cookie: string; csrf: string; setCookie: string[] }> {
  const res = await api.http.post('/api/v1/auth/session').send({ email: email(key), password });
  expect(res.status).toBe(200);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  const value = (name: string) => setCookie.find((c) => c.startsWith(`${name}=`))!.split(';')[0];
  return { cookie: `${value('rf_session')}; ${value('rf_csrf')}`, csrf: value('rf_csrf').split('=')[1], setCookie };
}

/** Reads the body as bytes, whatever its type says (supertest would parse text/csv as text and drop the byte-order mark). */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function approveAll(m: MatterBody): Promise<MatterBody> {
  let matter = m;
  while (matter.stage === 'in_approval') {
    const res = await world.act(deciderOf(world, matter.currentStep), matter, 'approve', {});
    expect(res.status).toBe(200);
    matter = res.body;
  }
  return matter;
}

describe('the web sign-in', () => {
  it('sets an httpOnly SameSite session cookie and a readable CSRF cookie, and the session reads /me with the unit', async () => {
    const { cookie, setCookie } = await signIn('sticManager');
    const session = setCookie.find((c) => c.startsWith('rf_session='))!;
    const csrf = setCookie.find((c) => c.startsWith('rf_csrf='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/SameSite=Strict/i);
    const me = await api.http.get('/api/v1/me').set('Cookie', cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: email('sticManager'), unit: { id: world.units.stic, code: 'SZ-STIC' } });
    // the session secret is not stored: only its hash is
    const [row] = await api.sql<{ secret_hash: string }>('SELECT secret_hash FROM sessions ORDER BY created_at DESC LIMIT 1');
    expect(cookie).not.toContain(row.secret_hash);
  });

  it('refuses a write without the CSRF token (403 auth.csrf) and accepts it with the token', async () => {
    const { cookie, csrf } = await signIn('sticManager');
    const without = await api.http.patch('/api/v1/me').set('Cookie', cookie).send({ timeZone: 'Asia/Shanghai' });
    expect(without.status).toBe(403);
    expect(without.body.code).toBe('auth.csrf');
    const wrong = await api.http
      .patch('/api/v1/me')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', `${csrf.slice(0, -1)}x`)
      .send({ locale: 'en' });
    expect(wrong.status).toBe(403);
    const right = await api.http.patch('/api/v1/me').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ timeZone: 'Asia/Shanghai' });
    expect(right.status).toBe(200);
  });

  it('ends on sign-out: the same cookie is refused afterwards', async () => {
    const { cookie, csrf } = await signIn('commerceManager');
    const out = await api.http.delete('/api/v1/auth/session').set('Cookie', cookie).set('X-CSRF-Token', csrf);
    expect(out.status).toBe(204);
    expect((out.headers['set-cookie'] as unknown as string[]).join(';')).toMatch(/rf_session=;/);
    const after = await api.http.get('/api/v1/me').set('Cookie', cookie);
    expect(after.status).toBe(401);
  });

  it('says 401 auth.invalid_credentials for a wrong password and sets no cookie', async () => {
    const res = await api.http.post('/api/v1/auth/session').send({ email: email('sticManager'), password: 'not-the-password' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.invalid_credentials');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('changes the own password: the current one must match; other sessions end; the new one signs in', async () => {
    const first = await signIn('justiceManager');
    const second = await signIn('justiceManager');
    const wrong = await api.http
      .post('/api/v1/me/password')
      .set('Cookie', first.cookie)
      .set('X-CSRF-Token', first.csrf)
      .send({ currentPassword: 'wrong-password-1', newPassword: 'a-new-password-2026' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword', rule: 'auth.wrong_password' })]);
    const short = await api.http
      .post('/api/v1/me/password')
      .set('Cookie', first.cookie)
      .set('X-CSRF-Token', first.csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('newPassword');
    const ok = await api.http
      .post('/api/v1/me/password')
      .set('Cookie', first.cookie)
      .set('X-CSRF-Token', first.csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-password-2026' });
    expect(ok.status).toBe(204);
    expect((await api.http.get('/api/v1/me').set('Cookie', first.cookie)).status).toBe(200);
    expect((await api.http.get('/api/v1/me').set('Cookie', second.cookie)).status).toBe(401);
    await signIn('justiceManager', 'a-new-password-2026');
  });

  it('keeps bearer tokens working for scripts, without a CSRF token', async () => {
    const res = await api.http.patch('/api/v1/me').set(bearer('sticApprover')).send({ digestTime: '09:00' });
    expect(res.status).toBe(200);
  });
});

describe('GET /me/tasks', () => {
  it("lists each approver's current step, then the manager's milestone and the urge notice to acknowledge, with links to the web pages", async () => {
    let m = await world.draft();
    m = (await world.act('sticManager', m, 'submit')).body;
    const step = m.currentStep;
    const approverTasks = await api.http.get('/api/v1/me/tasks').set(bearer('sticApprover'));
    expect(approverTasks.status).toBe(200);
    const mine = approverTasks.body.items.filter((t: { matter: { id: string } }) => t.matter?.id === m.id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'approval_step',
        action: 'approve_step',
        subject: { id: step.id, title: step.title },
        matter: expect.objectContaining({ code: m.code, stage: 'in_approval', leadingUnit: expect.objectContaining({ code: 'SZ-STIC' }) }),
        link: `/matters/${m.id}?action=approve_step&subject=${step.id}`,
        overdue: false,
        daysOverdue: 0,
        escalationLevel: 0,
      }),
    ]);
    expect(approverTasks.body.counts.approval_step).toBeGreaterThanOrEqual(1);
    // another unit's approver has nothing of it
    const other = await api.http.get('/api/v1/me/tasks').set(bearer('justiceApprover'));
    expect(other.body.items.some((t: { matter: { id: string } }) => t.matter?.id === m.id)).toBe(false);

    m = await approveAll(m);
    m = (await world.act('sticManager', m, 'start-implementation')).body;
    const managerTasks = (await api.http.get('/api/v1/me/tasks').set(bearer('sticManager'))).body;
    const milestone = managerTasks.items.find(
      (t: { kind: string; matter: { id: string } }) => t.kind === 'milestone' && t.matter.id === m.id,
    );
    expect(milestone).toMatchObject({
      action: 'complete_milestone',
      subject: { id: m.milestones[0].id, title: m.milestones[0].title },
      link: `/matters/${m.id}?action=complete_milestone&subject=${m.milestones[0].id}`,
    });
    const due = managerTasks.items.map((t: { dueAt: string | null }) => t.dueAt).filter(Boolean);
    expect(due).toEqual([...due].sort());

    // made overdue (its due time moved into the past in the database), the office urges; the manager must acknowledge
    await api.sql(`UPDATE matters SET next_due_at = now() - interval '2 days' WHERE id = $1`, [m.id]);
    await api.sql(`UPDATE milestones SET due_at = now() - interval '2 days' WHERE matter_id = $1`, [m.id]);
    m = await world.get('office', m.id);
    const urged = await world.act('office', m, 'urge-notices', { message: '请于三日内报送进展' });
    expect(urged.status).toBe(201);
    m = urged.body;
    const notice = m.urgeNotices[0];
    const afterUrge = (await api.http.get('/api/v1/me/tasks').set(bearer('sticManager'))).body;
    expect(afterUrge.items).toContainEqual(
      expect.objectContaining({
        kind: 'urge_notice',
        action: 'acknowledge_urge_notice',
        subject: expect.objectContaining({ id: notice.id }),
        link: `/matters/${m.id}?action=acknowledge_urge_notice&subject=${notice.id}`,
      }),
    );
    // the office sees the overdue deadline among all units'
    const office = (await api.http.get('/api/v1/me/tasks').set(bearer('office'))).body;
    expect(office.items).toContainEqual(
      expect.objectContaining({ kind: 'overdue_deadline', action: 'send_urge_notice', matter: expect.objectContaining({ id: m.id }) }),
    );
    expect(office.counts.overdue_deadline).toBeGreaterThanOrEqual(1);
  });

  it('gives the evaluator the assigned evaluation, and the office the matters waiting for an evaluator', async () => {
    let m = await approveAll((await world.act('sticManager', await world.draft(), 'submit')).body);
    m = (await world.act('sticManager', m, 'start-implementation')).body;
    m = (await world.act('sticManager', m, `milestones/${m.milestones[0].id}/complete`, {})).body;
    expect(m.stage).toBe('in_evaluation');
    const office = (await api.http.get('/api/v1/me/tasks').set(bearer('office'))).body;
    expect(office.items).toContainEqual(
      expect.objectContaining({ kind: 'evaluator_needed', action: 'assign_evaluator', link: `/matters/${m.id}?action=assign_evaluator` }),
    );
    m = (await world.act('office', m, 'evaluator', { evaluatorId: world.users.justiceEvaluator.id })).body;
    const evaluator = (await api.http.get('/api/v1/me/tasks').set(bearer('justiceEvaluator'))).body;
    expect(evaluator.items).toContainEqual(
      expect.objectContaining({ kind: 'evaluation', action: 'log_evaluation', link: `/matters/${m.id}?action=log_evaluation` }),
    );
    const done = (await api.http.get('/api/v1/me/done').set(bearer('office'))).body;
    expect(done.items[0]).toMatchObject({ type: 'evaluation.assigned', matter: { id: m.id, code: m.code } });
  });
});

describe('GET /matters/:id/actions', () => {
  it('offers each person exactly what the API accepts of them now', async () => {
    const m = await world.draft();
    const of = async (who: Who) => (await api.http.get(`/api/v1/matters/${m.id}/actions`).set(bearer(who))).body;
    const office = await of('office');
    expect(office.version).toBe(m.version);
    expect(office.actions.map((a: { type: string }) => a.type)).toEqual(
      expect.arrayContaining(['edit', 'submit', 'add_milestone', 'remove_milestone', 'withdraw', 'terminate']),
    );
    expect(office.actions).toContainEqual({ type: 'remove_milestone', subjectId: m.milestones[0].id });
    expect(office.actions.map((a: { type: string }) => a.type)).not.toContain('approve_step');
    // the participating unit's manager may read it but drive nothing
    const participant = await of('commerceManager');
    expect(participant.actions).toEqual([]);
    // another unit's manager may not even read it
    const stranger = await api.http.get(`/api/v1/matters/${m.id}/actions`).set(bearer('justiceManager'));
    expect(stranger.status).toBe(403);
    // a draft without a manager: submit is held back, with the rule the command would refuse it with
    const unmanaged = await world.draft({ managerId: null });
    const blocked = (await api.http.get(`/api/v1/matters/${unmanaged.id}/actions`).set(bearer('office'))).body;
    expect(blocked.actions.map((a: { type: string }) => a.type)).not.toContain('submit');
    expect(blocked.blocked).toContainEqual(expect.objectContaining({ type: 'submit', code: 'manager.required' }));
    const refused = await world.act('office', unmanaged, 'submit');
    expect(refused.body.code).toBe('manager.required');
    // in approval, the step's own approver may decide it, the office may not (yet)
    const submitted = (await world.act('sticManager', m, 'submit')).body;
    const approver = (await api.http.get(`/api/v1/matters/${submitted.id}/actions`).set(bearer('sticApprover'))).body;
    expect(approver.actions.map((a: { type: string }) => a.type).sort()).toEqual(['approve_step', 'reject_step', 'return_step']);
    const officeNow = (await api.http.get(`/api/v1/matters/${submitted.id}/actions`).set(bearer('office'))).body;
    expect(officeNow.actions.map((a: { type: string }) => a.type)).not.toContain('approve_step');
  });
});

describe('the matter list as CSV', () => {
  it('downloads the filtered list with words, not enum keys, in the reader language, with a byte-order mark', async () => {
    await world.draft();
    const res = await api.http
      .get('/api/v1/matters?format=csv&stage=draft')
      .set(bearer('office'))
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="matters.csv"/);
    const body = (res.body as Buffer).toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const lines = body.slice(1).trim().split('\n');
    expect(lines[0]).toMatch(/^事项编号,事项名称,批次,类型,政策领域,牵头单位,所处阶段,风险等级,最近截止时间（北京时间/);
    expect(lines[1]).toContain('草拟');
    expect(lines[1]).toContain('创新试验');
    expect(lines[1]).not.toMatch(/\bdraft\b|innovation_experiment/);
    const en = await api.http
      .get('/api/v1/matters?format=csv&lang=en')
      .set(bearer('office'))
      .buffer(true)
      .parse(binary as never);
    expect((en.body as Buffer).toString('utf8')).toContain('Code,Title,Batch,Kind');
  });
});

describe('the web app on the same origin', () => {
  it('serves index.html for page paths, JSON for the API, /health where operators look', async () => {
    const http = request(api.app.getHttpServer());
    for (const path of ['/', '/inbox', '/matters/00000000-0000-4000-8000-000000000000', '/settings']) {
      const page = await http.get(path);
      expect({ path, status: page.status, type: page.headers['content-type'] }).toEqual({
        path,
        status: 200,
        type: expect.stringMatching(/^text\/html/),
      });
      expect(page.text).toContain('<div id="root">');
    }
    const missing = await http.get('/api/v1/no-such-thing').set(bearer('office'));
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect((await http.get('/health')).headers['content-type']).toMatch(/json/);
    expect((await http.get('/api/docs-json')).body.paths['/api/v1/me/tasks']).toBeDefined();
  });

  it('sends the precompressed file the browser accepts, with the original type and the year-long cache', async () => {
    const http = request(api.app.getHttpServer());
    const get = (path: string, encoding?: string) => {
      const r = http
        .get(path)
        .buffer(true)
        .parse(binary as never);
      return encoding === undefined ? r : r.set('Accept-Encoding', encoding);
    };
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect({ status: br.status, encoding: br.headers['content-encoding'], type: br.headers['content-type'] }).toEqual({
      status: 200,
      encoding: 'br',
      type: 'text/javascript; charset=utf-8',
    });
    expect(br.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(br.headers['content-length'])).toBeLessThan(Buffer.byteLength(script) / 4);
    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const identity = await get('/assets/index-abc123.js', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect((identity.body as Buffer).toString('utf8')).toBe(script);
    // no compressed file beside it (small files are not compressed): the file itself
    const css = await get('/assets/plain-abc123.css', 'br');
    expect({ status: css.status, encoding: css.headers['content-encoding'] }).toEqual({ status: 200, encoding: undefined });
    // a path that climbs out of the assets is never resolved outside them
    expect((await http.get('/assets/..%2F..%2Fetc%2Fpasswd').set('Accept-Encoding', 'br')).headers['content-encoding']).toBeUndefined();
  });

  it('sends security headers with a content security policy that allows only its own scripts', async () => {
    const http = request(api.app.getHttpServer());
    for (const path of ['/inbox', '/api/v1/me', '/api/docs']) {
      const res = await http.get(path).set(bearer('office'));
      const csp = res.headers['content-security-policy'] ?? '';
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("script-src 'self'") });
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
