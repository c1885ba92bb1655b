/**
 * The people and units a benchmark needs, made through the public API as an
 * administrator would: a leading unit with an approver and a manager, the reform
 * office's clerk, and a batch. Few users (argon2 is slow on purpose); tokens are reused.
 */
import { ADMIN_PASSWORD } from './processes.js';

export const PASSWORD = 'bench-user-password-0123';

export interface BenchWorld {
  apiUrl: string;
  admin: string;
  units: { office: string; lead: string; partner: string };
  users: Record<'office' | 'approver' | 'manager', { id: string; email: string; token: string }>;
  batchId: string;
}

export async function call<T = unknown>(
  apiUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

async function ok<T = unknown>(p: Promise<{ status: number; body: T }>, what: string, status = [200, 201]): Promise<T> {
  const res = await p;
  if (!status.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function login(apiUrl: string, email: string, password: string): Promise<string> {
  const body = await ok<{ accessToken: string }>(
    call(apiUrl, null, 'POST', '/api/v1/auth/login', { email, password }),
    `login as ${email}`,
  );
  return body.accessToken;
}

/** Creates the unit unless one with its code exists; its id. */
export async function ensureUnit(apiUrl: string, admin: string, code: string, kind: string, zh: string, en: string): Promise<string> {
  const existing = await ok<Array<{ id: string; code: string }>>(call(apiUrl, admin, 'GET', '/api/v1/units'), 'listing units');
  return (
    existing.find((u) => u.code === code)?.id ??
    (await ok<{ id: string }>(call(apiUrl, admin, 'POST', '/api/v1/units', { code, kind, name: { zh, en } }), `creating unit ${code}`)).id
  );
}

/** Units the reform-pilot workflow's authorities name, plus two bureaus; users for every step of its chain. */
export async function buildWorld(apiUrl: string, workflow = 'reform-pilot', tag = 'BENCH'): Promise<BenchWorld> {
  const admin = await login(apiUrl, 'admin@reformflow.local', ADMIN_PASSWORD);
  const existing = await ok<Array<{ id: string; code: string }>>(call(apiUrl, admin, 'GET', '/api/v1/units'), 'listing units');
  const unit = async (code: string, kind: string, zh: string, en: string) =>
    existing.find((u) => u.code === code)?.id ??
    (await ok<{ id: string }>(call(apiUrl, admin, 'POST', '/api/v1/units', { code, kind, name: { zh, en } }), `creating unit ${code}`)).id;
  const office = existing.find((u) => u.code === 'SZ-CRO')!.id;
  await unit('GD-GOV', 'provincial', '广东省人民政府', "Guangdong Provincial People's Government");
  await unit('NDRC', 'national', '国家发展和改革委员会', 'National Development and Reform Commission');
  await unit('SZ-LG', 'leading_group', '市委全面深化改革委员会', 'Municipal leading group for comprehensively deepening reform');
  const lead = await unit(
    'SZ-STIC',
    'municipal_bureau',
    '深圳市科技创新局',
    'Shenzhen Municipal Science, Technology and Innovation Commission',
  );
  const partner = await unit('SZ-COMMERCE', 'municipal_bureau', '深圳市商务局', 'Shenzhen Municipal Commerce Bureau');
  const user = async (key: string, roles: string[], unitId: string) => {
    const email = `${key}@bench.reformflow.test`;
    const res = await call<{ id: string }>(apiUrl, admin, 'POST', '/api/v1/users', {
      email,
      displayName: key,
      password: PASSWORD,
      roles,
      unitId,
    });
    if (res.status >= 400) {
      // a database kept from an earlier run (--reuse) has them already
      const token = await login(apiUrl, email, PASSWORD).catch(() => {
        throw new Error(`creating user ${key}: ${res.status} ${JSON.stringify(res.body)}`);
      });
      return { id: (await ok<{ id: string }>(call(apiUrl, token, 'GET', '/api/v1/me'), `reading user ${key}`)).id, email, token };
    }
    const created = await ok(Promise.resolve(res), `creating user ${key}`);
    return { id: created.id, email, token: await login(apiUrl, email, PASSWORD) };
  };
  const users = {
    office: await user('office', ['reform_office'], office),
    approver: await user('approver', ['approver'], lead),
    manager: await user('manager', ['manager'], lead),
  };
  const batch = await ok<{ id: string }>(
    call(apiUrl, users.office.token, 'POST', '/api/v1/batches', {
      code: `${tag}-${Date.now()}`,
      title: { zh: '基准测试批次', en: 'Benchmark batch' },
      issuingAuthority: 'Benchmark',
      issuedOn: '2024-08-30',
      workflow,
    }),
    'creating the batch',
  );
  return { apiUrl, admin, units: { office, lead, partner }, users, batchId: batch.id };
}

/** A complete, valid draft body; one milestone is added later, as its own command. */
export function draftBody(world: BenchWorld, code: string, milestones: unknown[] = []): Record<string, unknown> {
  return {
    batchId: world.batchId,
    code,
    title: { zh: '新型研发机构市场化薪酬管理制度', en: 'Market-oriented salary management for new-type R&D institutions' },
    description: { en: 'Explore market-oriented salary management systems for new-type R&D institutions.' },
    kind: 'innovation_experiment',
    policyArea: 'science_technology',
    leadingUnitId: world.units.lead,
    participatingUnitIds: [world.units.partner],
    managerId: world.users.manager.id,
    targets: [
      { indicator: { zh: '试点机构数', en: 'Institutions piloting' }, baseline: 0, targetValue: 10, unit: '家', byDate: '2027-12-31' },
    ],
    riskLevel: 'medium',
    risks: [{ description: 'Salary disparity between institutions', likelihood: 'medium', impact: 'low', mitigation: 'Caps per grade' }],
    requiresLegalAuthorization: false,
    milestones,
  };
}
