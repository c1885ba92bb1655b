/**
 * The production seed (`seeds/`): its files validate, they say what the documents say
 * (the 12 tasks of the business environment plan with their units as written, its two
 * 2025 targets, one or more matters for every item (1)–(12) of the 2024 Opinions, each
 * quoting its item, the 15th Five-Year Plan batch quoting 000 with every leading unit
 * inferred, the documents' readings of existing targets, the NDRC's own batches as 004
 * states them, current unit names with former names as aliases, kinds by the cross-border
 * rule), and `npm run seed` — the real CLI on a fresh database — loads them
 * once: a second run changes no row and appends no audit event. Demo users are the demo's
 * alone: the production seed never creates them.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Test, type TestingModule } from '@nestjs/testing';
import { parse } from 'yaml';
import { ConfigModule, loadWorkflowDefinitions } from '#config';
import { PersistenceModule } from '#persistence';
import { POLICY_AREA_TITLES } from '#reports';
import { DemoUsers, SeedLoader, type SeedSet, SeedingModule, readDemoUsers, readSeedSet } from '#seeding';
import { Bootstrap, WorkflowModule } from '#workflow';
import { ADMIN_PASSWORD, testConfig } from '../support/config.js';
import { type TestDatabase, createTestDatabase } from '../support/databases.js';
import pg from 'pg';

const DOC_002 = readFileSync('seeds/documents/002_588ceeb221e33c47.txt', 'utf8');
const DOC_003 = readFileSync('seeds/documents/003_80d239db24bf15f2.txt', 'utf8');
const DOC_000 = readFileSync('seeds/documents/000_f1390a8e8d6bda4c.txt', 'utf8');
const DOC_004 = readFileSync('seeds/documents/004_0323225b2f4688a5.txt', 'utf8');

interface UnitFileEntry {
  code: string;
  name: { zh?: string; en?: string };
  aliases?: string[];
}
interface MatterFileEntry {
  code: string;
  item: number;
  source: string;
  leadingUnit: string;
  leadingUnitBasis: 'stated' | 'inferred';
  participatingUnits: string[];
  requiresLegalAuthorization: boolean;
  legalBasis: string | null;
  legalAdjustment?: { level: 'law' | 'administrative_regulation'; name: string } | null;
  nationalApproval?: { authority: string; basis: string | null } | null;
  kind: string;
  policyArea: string;
  kindBasis?: string;
  title: { zh: string; en: string };
  description?: { zh?: string; en?: string };
  targets?: Array<{
    targetValue: number;
    unit: string;
    byDate: string;
    comparison: string;
    source: string;
    readings?: Array<{ value: number; asOf: string; document: string; locator: string; excerpt: string; note: string }>;
  }>;
}
const units = (parse(readFileSync('seeds/units.yaml', 'utf8')) as { units: UnitFileEntry[] }).units;
const plan = parse(readFileSync('seeds/batches/business-environment-plan.yaml', 'utf8')) as {
  batch: { sourceDocument: string };
  matters: MatterFileEntry[];
};
const opinions = parse(readFileSync('seeds/batches/2024-opinions.yaml', 'utf8')) as {
  batch: { sourceDocument: string };
  matters: MatterFileEntry[];
};
const fyp15 = parse(readFileSync('seeds/batches/fyp15-recommendations.yaml', 'utf8')) as {
  batch: { code: string; sourceDocument: string; issuedOn: string };
  matters: Array<Omit<MatterFileEntry, 'item'> & { item: string }>;
};
const authorityBatches = (
  parse(readFileSync('seeds/authority-batches.yaml', 'utf8')) as {
    authorityBatches: Array<{ authority: string; number: number; issuedOn: string | null; source: { document: string; excerpt: string } }>;
  }
).authorityBatches;
const ALL_MATTERS = [...opinions.matters, ...plan.matters, ...fyp15.matters];

/** Every name a unit goes by in the documents, longest first, for reading a list of names. */
const NAMES = units
  .flatMap((u) => [u.name.en!, ...(u.aliases ?? [])].map((n) => ({ name: n, code: u.code })))
  .sort((a, b) => b.name.length - a.name.length);

/** `A, B, and C` as unit codes; names hold commas, so it reads name by name, longest first. */
function unitsNamed(list: string): string[] {
  const codes: string[] = [];
  let rest = list.trim();
  while (rest) {
    rest = rest.replace(/^,\s*/, '').replace(/^and\s+/, '');
    const hit = NAMES.find((n) => rest.startsWith(n.name));
    if (!hit) throw new Error(`no unit in units.yaml is named as 002 writes it: "${rest}"`);
    codes.push(hit.code);
    rest = rest.slice(hit.name.length).trim();
  }
  return codes;
}

describe('the seed files', () => {
  it('validate: units, both batches and the demo users, with every cross-reference resolved', () => {
    const set = readSeedSet('seeds');
    expect(set.units).toHaveLength(units.length);
    expect(set.batches.map((b) => [b.header.code, b.rows.length])).toEqual([
      ['SZ-2024-OPINIONS', opinions.matters.length],
      ['SZ-BEP', 12],
      ['SZ-15FYP', fyp15.matters.length],
    ]);
    expect(set.authorityBatches).toHaveLength(3);
    const demo = readDemoUsers('seeds/demo/users.yaml').data.users;
    const codes = new Set(units.map((u) => u.code));
    for (const u of demo) expect(codes).toContain(u.unit);
  });

  it('give every unit a stable code and a Chinese and an English name, and hold the bodies the approval chains name', () => {
    for (const u of units) {
      expect(u.code).toMatch(/^[A-Z0-9][A-Z0-9-]*$/);
      expect({ code: u.code, zh: typeof u.name.zh, en: typeof u.name.en }).toEqual({ code: u.code, zh: 'string', en: 'string' });
    }
    const codes = units.map((u) => u.code);
    // the reform office, the leading group, the province, the NDRC, the State Council, the NPC Standing Committee, and MOST (004)
    expect(codes).toEqual(expect.arrayContaining(['SZ-CRO', 'SZ-LG', 'GD-GOV', 'NDRC', 'STATE-COUNCIL', 'NPCSC', 'MOST']));
    for (const d of loadWorkflowDefinitions('config/workflows')) {
      for (const code of Object.values(d.body.authorities ?? {})) expect(codes).toContain(code);
      for (const code of d.body.evaluation?.pool ?? []) expect(codes).toContain(code);
    }
  });

  it("hold the 12 tasks of 002, each with its leading and participating units exactly as the document's line names them", () => {
    const lines = [...DOC_002.matchAll(/\(Leading unit: ([^;]+); participating units: ([^)]+)\)/g)];
    expect(lines).toHaveLength(12);
    expect(plan.matters).toHaveLength(12);
    lines.forEach((line, i) => {
      const m = plan.matters[i];
      expect({
        code: m.code,
        item: m.item,
        leadingUnit: [m.leadingUnit],
        participatingUnits: m.participatingUnits,
        basis: m.leadingUnitBasis,
      }).toEqual({
        code: `BEP-${String(i + 1).padStart(2, '0')}`,
        item: i + 1,
        leadingUnit: unitsNamed(line[1]),
        participatingUnits: unitsNamed(line[2]),
        basis: 'stated',
      });
      // the task's heading is quoted as written
      expect(DOC_002).toContain(`\n${m.source}`);
      expect(m.source.startsWith(`${i + 1}. `)).toBe(true);
    });
    // spot checks in the document's own words
    const name = (code: string) => units.find((u) => u.code === code)!.name.en;
    // 002's "Commission" is the former body's name: an alias of the unit now named the Bureau
    expect(name(plan.matters[0].leadingUnit)).toBe('Shenzhen Municipal Science and Technology Innovation Bureau');
    expect(units.find((u) => u.code === plan.matters[0].leadingUnit)!.aliases).toContain(
      'Shenzhen Municipal Science, Technology and Innovation Commission',
    );
    expect(name(plan.matters[11].leadingUnit)).toBe('Publicity Department of the CPC Shenzhen Municipal Committee');
    expect(name(plan.matters[9].leadingUnit)).toBe('Office of Foreign Affairs Office Work Committee of CPC Shenzhen Municipal Committee');
  });

  it("hold 002's two 2025 targets: modern services above 77 % of service added value, high-tech foreign investment above US$4 billion", () => {
    const targets = plan.matters.flatMap((m) => (m.targets ?? []).map((t) => ({ task: m.code, ...t })));
    expect(targets).toEqual([
      expect.objectContaining({ task: 'BEP-02', targetValue: 77, unit: '%', byDate: '2025-12-31', comparison: 'above' }),
      expect.objectContaining({ task: 'BEP-07', targetValue: 4, unit: 'USD bn', byDate: '2025-12-31', comparison: 'above' }),
    ]);
    for (const t of targets) expect(DOC_002).toContain(t.source);
    expect(targets[0].source).toContain('over 77%');
    expect(targets[1].source).toContain('over US$4 billion');
  });

  it('hold matters for every item (1)–(12) of the 2024 Opinions, each quoting its own item, with stated or inferred leading units', () => {
    const items = new Map([...DOC_003.matchAll(/^\((\d+)\) (.*)$/gm)].map((m) => [Number(m[1]), m[2]]));
    const perItem = new Map<number, number>();
    for (const m of opinions.matters) {
      expect({ code: m.code, item: m.item }).toEqual({ code: m.code, item: expect.any(Number) });
      expect(m.item).toBeGreaterThanOrEqual(1);
      expect(m.item).toBeLessThanOrEqual(12);
      expect(m.code.startsWith(`OP24-${String(m.item).padStart(2, '0')}-`)).toBe(true);
      // the excerpt is the document's words, inside the item the locator names
      expect({ code: m.code, inItem: items.get(m.item)!.includes(m.source) }).toEqual({ code: m.code, inItem: true });
      expect(['stated', 'inferred']).toContain(m.leadingUnitBasis);
      expect({ code: m.code, basis: Boolean(m.legalBasis) }).toEqual({ code: m.code, basis: m.requiresLegalAuthorization });
      perItem.set(m.item, (perItem.get(m.item) ?? 0) + 1);
    }
    expect([...perItem.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // every sentence of items (1)–(12) after the heading is some matter's source, or holds one
    for (const [n, text] of items) {
      if (n > 12) continue;
      const sentences = text
        .split(/(?<=[.?!]["”]?)\s*(?=[A-Z"“])/)
        .slice(1)
        .filter((s) => s.trim().length > 3);
      for (const s of sentences) {
        const covered = opinions.matters.some((m) => m.item === n && (s.includes(m.source) || m.source.includes(s.replace(/\.$/, ''))));
        expect({ item: n, sentence: s, covered }).toEqual({ item: n, sentence: s, covered: true });
      }
    }
    // which measures item (14) ties to an adjustment of law: see 'flag legal authorization only …' below
  });

  it('flag legal authorization only where a measure goes beyond existing law (003 item (14)), every flag and every former flag with its basis', () => {
    const README = readFileSync('seeds/README.md', 'utf8');
    const section = README.slice(README.indexOf('## Legal authorization under item (14) of 003'));
    const row = (code: string) => section.split('\n').find((l) => l.startsWith(`| ${code} `)) ?? '';
    // 'Where adjustments to existing laws or administrative regulations are involved … authorized by the NPCSC or the State Council'
    expect(DOC_003).toContain('Where adjustments to existing laws or administrative regulations are involved');
    const flagged = ALL_MATTERS.filter((m) => m.requiresLegalAuthorization);
    expect(flagged.map((m) => m.code)).toEqual(['OP24-08-03']);
    for (const m of flagged) {
      // the basis, what is adjusted (a law: the NPC Standing Committee authorizes), and the README's row saying yes
      expect({
        code: m.code,
        basis: m.legalBasis?.length,
        level: m.legalAdjustment?.level,
        name: Boolean(m.legalAdjustment?.name),
      }).toEqual({
        code: m.code,
        basis: expect.any(Number),
        level: expect.stringMatching(/^(law|administrative_regulation)$/),
        name: true,
      });
      expect(row(m.code)).toContain('**yes**');
    }
    expect(flagged[0].legalAdjustment).toEqual({ level: 'law', name: expect.stringContaining('邮政法') });
    // the eleven flags of the files before the re-derivation: each has its row, and each "no" keeps its national approval
    const FORMER = [
      'OP24-02-04',
      'OP24-04-05',
      'OP24-04-06',
      'OP24-06-08',
      'OP24-08-02',
      'OP24-08-03',
      'OP24-09-03',
      'OP24-12-02',
      'OP24-12-03',
      'OP24-12-07',
      'BEP-06',
    ];
    for (const code of FORMER) {
      const m = ALL_MATTERS.find((x) => x.code === code)!;
      expect({ code, row: row(code).length > 0 }).toEqual({ code, row: true });
      if (!m.requiresLegalAuthorization) {
        expect({ code, readme: row(code).includes('no;'), national: Boolean(m.nationalApproval?.authority) }).toEqual({
          code,
          readme: true,
          national: true,
        });
      }
    }
    // words that keep a measure inside the law never stand beside a flag
    const INSIDE =
      /in compliance with (laws|regulations)|\blegally\b|within the framework of|in accordance with (the law|policy provisions)/i;
    for (const m of ALL_MATTERS) {
      if (INSIDE.test(`${m.source} ${m.description?.en ?? ''}`))
        expect({ code: m.code, flagged: m.requiresLegalAuthorization }).toEqual({ code: m.code, flagged: false });
    }
    // a national approval is a separate condition: never with the flag, always with its body and a basis quoting the matter's own words
    for (const m of ALL_MATTERS.filter((x) => x.nationalApproval)) {
      const quoted = /^"([^"]+)"/.exec(m.nationalApproval!.basis ?? '')?.[1] ?? '';
      // the matter's own words, or its document's (002's tasks are longer than their seeded text)
      const doc = m.code.startsWith('BEP-') ? DOC_002 : m.code.startsWith('OP24-') ? DOC_003 : DOC_000;
      const words = `${m.source} ${m.description?.en ?? ''} ${doc}`.toLowerCase();
      expect({
        code: m.code,
        flag: m.requiresLegalAuthorization,
        quotes: quoted.length > 0 && words.includes(quoted.toLowerCase()),
      }).toEqual({
        code: m.code,
        flag: false,
        quotes: true,
      });
    }
    expect(ALL_MATTERS.filter((m) => m.nationalApproval).length).toBe(20);
  });

  it("hold 000's reform, opening-up and institutional-innovation tasks, each quoting the item its locator names, every leading unit inferred", () => {
    expect(fyp15.batch).toMatchObject({ code: 'SZ-15FYP', sourceDocument: '000_f1390a8e8d6bda4c.txt', issuedOn: '2025-11-28' });
    expect(DOC_000).toContain('(Adopted at the 11th Plenary Session of the 7th CPC Shenzhen Municipal Committee on November 28, 2025)');
    const lines = DOC_000.split('\n');
    const itemText = (n: number): string => {
      const i = lines.findIndex((l) => l.startsWith(`(${n}) `));
      const body: string[] = [];
      for (let j = i + 1; j < lines.length && !/^\(\d+\) |^[IVX]+\. /.test(lines[j]); j++) body.push(lines[j]);
      return body.join('\n');
    };
    const items = new Set<number>();
    for (const m of fyp15.matters) {
      const n = Number(/^item \((\d+)\)$/.exec(m.item)?.[1]);
      items.add(n);
      expect({ code: m.code, prefix: m.code.startsWith(`FYP15-${n}-`) }).toEqual({ code: m.code, prefix: true });
      expect({ code: m.code, inItem: itemText(n).includes(m.source) }).toEqual({ code: m.code, inItem: true });
      expect({ code: m.code, basis: m.leadingUnitBasis, targets: m.targets }).toEqual({
        code: m.code,
        basis: 'inferred',
        targets: undefined,
      });
      expect({ code: m.code, zh: typeof m.title.zh, en: typeof m.title.en }).toEqual({ code: m.code, zh: 'string', en: 'string' });
    }
    // the reform (VII), opening-up (VIII) and institutional tasks of (43) and (45); nothing from the goals or the development chapters
    expect([...items].sort((a, b) => a - b)).toEqual([32, 34, 35, 36, 37, 38, 39, 40, 41, 43, 45]);
    // 000 writes "Shenzhen-Shantou" for 深汕: the source keeps its words, the matter names the zone rightly
    const shenshan = fyp15.matters.find((m) => m.source.includes('Shenzhen-Shantou'))!;
    expect(shenshan.title.en).toContain('Shenzhen-Shanwei');
    expect(shenshan.title.zh).toContain('深汕特别合作区');
    expect(shenshan.description!.en).toContain('Shenzhen-Shanwei');
    for (const m of fyp15.matters) expect({ code: m.code, title: m.title.en.includes('Shantou') }).toEqual({ code: m.code, title: false });
  });

  it("record 000's 76.5 % modern-services share as a reading of BEP-02's 77 % target, quoting 000", () => {
    const readings = ALL_MATTERS.flatMap((m) =>
      (m.targets ?? []).flatMap((t) => (t.readings ?? []).map((r) => ({ matter: m.code, ...r }))),
    );
    expect(readings).toEqual([
      expect.objectContaining({
        matter: 'BEP-02',
        value: 76.5,
        asOf: '2025-11-28',
        document: '000_f1390a8e8d6bda4c.txt',
        locator: 'item (1)',
      }),
    ]);
    expect(DOC_000).toContain(readings[0].excerpt);
    expect(readings[0].excerpt).toContain('76.5%');
    expect(readings[0].excerpt).toContain('modern service industry');
  });

  it("hold the NDRC's three batches as 004 states them: the authority's own numbers, no date, title or experience 004 does not give", () => {
    expect(authorityBatches.map((b) => [b.authority, b.number, b.issuedOn])).toEqual([
      ['NDRC', 1, null],
      ['NDRC', 2, null],
      ['NDRC', 3, null],
    ]);
    for (const b of authorityBatches) {
      expect(readFileSync(`seeds/documents/${b.source.document}`, 'utf8')).toContain(b.source.excerpt);
      expect(b.source.excerpt).toContain('48 innovative measures and typical experiences to the country in three batches');
    }
    // 004 names none of the 48 experiences: nothing in it ties one to a seeded matter
    expect(DOC_004.match(/three batches/g)).toHaveLength(1);
  });

  it('carry current official names, with former names and the documents’ other spellings as aliases', () => {
    const unit = (code: string) => units.find((u) => u.code === code)!;
    expect(unit('SZ-LG').name.zh).toBe('中共深圳市委全面深化改革委员会');
    expect(unit('SZ-LG').aliases).toContain('深圳市全面深化改革领导小组');
    expect(unit('SZ-PBOC').name.zh).toBe('中国人民银行深圳市分行');
    expect(unit('SZ-PBOC').aliases).toEqual(
      expect.arrayContaining(['中国人民银行深圳市中心支行', 'People’s Bank of China Shenzhen Central Sub-branch']),
    );
    expect(unit('SZ-LFRB').name.zh).toBe('深圳市地方金融管理局');
    expect(unit('SZ-LFRB').aliases).toContain('深圳市地方金融监督管理局');
    expect(unit('SZ-STIC').aliases).toContain('深圳市科技创新委员会');
    // an alias is never another unit's current name, and no name is listed twice
    const current = new Set(units.flatMap((u) => [u.name.zh, u.name.en]));
    for (const u of units) {
      for (const a of u.aliases ?? [])
        expect({ unit: u.code, alias: a, current: current.has(a) }).toEqual({ unit: u.code, alias: a, current: false });
      expect(new Set(u.aliases ?? []).size).toBe((u.aliases ?? []).length);
    }
  });

  it('classify every cross-border measure of every batch as an opening-up initiative, and every area as a known one', () => {
    for (const m of ALL_MATTERS) {
      // a measure on cross-border flows or foreign, Hong Kong or Macao parties opens something, unless its kindBasis says why not
      const words = m.source.replace(/Guangdong-Hong Kong-Macao Greater Bay Area/g, 'GBA');
      if (/cross-border|Hong Kong|Macao|foreign|overseas|abroad|international/i.test(words) && m.kind !== 'opening_up_initiative')
        expect({ code: m.code, kind: m.kind, kindBasis: Boolean(m.kindBasis) }).toEqual({ code: m.code, kind: m.kind, kindBasis: true });
      expect({ code: m.code, area: Object.hasOwn(POLICY_AREA_TITLES, m.policyArea) }).toEqual({ code: m.code, area: true });
    }
    // one subject, one area: the city and spatial models of the planning bureau
    const area = (code: string) => ALL_MATTERS.find((m) => m.code === code)!.policyArea;
    expect([area('OP24-06-05'), area('OP24-06-06'), area('OP24-11-02')]).toEqual(['land_resources', 'land_resources', 'land_resources']);
  });

  it('name only units that units.yaml holds', () => {
    const codes = new Set(units.map((u) => u.code));
    for (const m of ALL_MATTERS) {
      for (const code of [m.leadingUnit, ...m.participatingUnits])
        expect({ matter: m.code, code, known: codes.has(code) }).toEqual({ matter: m.code, code, known: true });
    }
  });
});

/** Every row the seed writes, and how many audit events and outbox rows there are. */
async function dump(url: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      units: await q('SELECT * FROM units ORDER BY code'),
      users: await q('SELECT * FROM users ORDER BY email'),
      batches: await q('SELECT * FROM batches ORDER BY code'),
      matters: await q('SELECT * FROM matters ORDER BY batch_id, code'),
      participating: await q('SELECT * FROM matter_participating_units ORDER BY 1, 2'),
      targets: await q('SELECT * FROM matter_targets ORDER BY 1'),
      risks: await q('SELECT * FROM matter_risks ORDER BY 1'),
      readings: await q('SELECT * FROM target_readings ORDER BY id'),
      authorityBatches: await q('SELECT * FROM authority_batches ORDER BY number'),
      audit: await q('SELECT aggregate_type, type, count(*)::int AS n FROM audit_events GROUP BY 1, 2 ORDER BY 1, 2'),
      auditTotal: (await q('SELECT count(*)::int AS n, max(id) AS last FROM audit_events'))[0],
      outbox: (await q('SELECT count(*)::int AS n FROM outbox'))[0],
    };
  } finally {
    await client.end();
  }
}

function seedCli(url: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/apps/cli/src/seed.js'], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'test',
        DATABASE_URL: url,
        JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
        ADMIN_PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('loads the files into a fresh database, and a second run changes nothing', async () => {
    const first = await seedCli(db.url);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/units\s+\d+ created/);
    const once = await dump(db.url);
    expect((once.units as unknown[]).length).toBe(units.length);
    expect((once.batches as Array<{ code: string; workflow_name: string }>).map((b) => [b.code, b.workflow_name])).toEqual([
      ['SZ-15FYP', 'reform-pilot'],
      ['SZ-2024-OPINIONS', 'reform-pilot'],
      ['SZ-BEP', 'reform-pilot'],
    ]);
    const matterCount = 12 + opinions.matters.length + fyp15.matters.length;
    expect((once.matters as unknown[]).length).toBe(matterCount);
    expect((once.targets as unknown[]).length).toBe(2);
    // legal authorization as re-derived from item (14): one law to adjust, twenty national approvals beside it
    const legal = once.matters as Array<{
      code: string;
      requires_legal_authorization: boolean;
      legal_adjustment_level: string | null;
      national_approval_authority: string | null;
    }>;
    expect(legal.filter((m) => m.requires_legal_authorization).map((m) => [m.code, m.legal_adjustment_level])).toEqual([
      ['OP24-08-03', 'law'],
    ]);
    expect(legal.filter((m) => m.national_approval_authority !== null).length).toBe(20);
    expect(once.audit).toEqual(expect.arrayContaining([expect.objectContaining({ aggregate_type: 'matter', n: matterCount })]));
    // the documents' reading of BEP-02's target, with its source; the NDRC's batches, undated as 004 leaves them
    const bep02 = (once.matters as Array<{ id: string; code: string }>).find((m) => m.code === 'BEP-02')!;
    const target = (once.targets as Array<{ id: string; matter_id: string }>).find((t) => t.matter_id === bep02.id)!;
    expect(once.readings).toEqual([
      expect.objectContaining({
        matter_id: bep02.id,
        target_id: target.id,
        value: '76.5',
        source_document: '000_f1390a8e8d6bda4c.txt',
        source_locator: 'item (1)',
        source_excerpt: expect.stringContaining('76.5%'),
      }),
    ]);
    expect((once.readings as Array<{ as_of: Date }>)[0].as_of).toBeTruthy();
    expect(
      (once.authorityBatches as Array<{ number: number; issued_on: unknown; title_zh: unknown }>).map((b) => [
        b.number,
        b.issued_on,
        b.title_zh,
      ]),
    ).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, null],
    ]);
    expect(once.audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ aggregate_type: 'target_reading', type: 'target_reading.recorded', n: 1 }),
        expect.objectContaining({ aggregate_type: 'authority_batch', type: 'authority_batch.registered', n: 3 }),
      ]),
    );

    const second = await seedCli(db.url);
    expect(second).toMatchObject({ code: 0 });
    expect(second.out).toMatch(/units\s+0 created\s+0 updated\s+\d+ unchanged/);
    expect(second.out).toMatch(/batches\s+0 created\s+0 updated\s+3 unchanged/);
    expect(second.out).toMatch(/readings\s+0 created\s+0 updated\s+1 unchanged/);
    expect(second.out).toMatch(/authority batches\s+0 created\s+0 updated\s+3 unchanged/);
    expect(second.out).toMatch(/matters\s+0 created\s+0 updated\s+\d+ unchanged/);
    expect(await dump(db.url)).toEqual(once);
  });

  it('creates no demo user: the only account it adds is the system account, and it cannot sign in', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const rows = (await client.query<{ email: string; active: boolean }>('SELECT email, active FROM users ORDER BY email')).rows;
      expect(rows).toEqual([{ email: 'system@reformflow.local', active: false }]);
      const demoEmails = readDemoUsers('seeds/demo/users.yaml').data.users.map((u) => u.email.toLowerCase());
      expect(rows.filter((r) => demoEmails.includes(r.email))).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe('SeedLoader and DemoUsers, as the demo calls them', () => {
  let db: TestDatabase;
  let module: TestingModule;
  let set: SeedSet;
  beforeAll(async () => {
    db = await createTestDatabase();
    module = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testConfig({ DATABASE_URL: db.url })), PersistenceModule, WorkflowModule, SeedingModule],
    }).compile();
    await module.init();
    await module.get(Bootstrap).syncDefinitions();
    set = readSeedSet('seeds');
  });
  afterAll(async () => {
    await module?.close();
    await db?.drop();
  });

  it('seeds the batches under another workflow when asked, then loads the demo users: every role, several units, once', async () => {
    const summary = await module.get(SeedLoader).load(set, { workflow: 'demo' });
    expect(summary.batches.created).toBe(3);
    expect(summary.readings.created).toBe(1);
    const again = await module.get(SeedLoader).load(set, { workflow: 'demo' });
    expect(again).toMatchObject({
      units: { created: 0, updated: 0 },
      batches: { created: 0, updated: 0 },
      matters: { created: 0, updated: 0 },
      notes: [],
    });

    const loaded = await module.get(DemoUsers).load();
    expect(loaded.created).toBe(loaded.users.length);
    expect(new Set(loaded.users.flatMap((u) => u.roles))).toEqual(new Set(['admin', 'reform_office', 'approver', 'manager', 'evaluator']));
    expect(new Set(loaded.users.map((u) => u.unit)).size).toBeGreaterThanOrEqual(5);
    expect(await module.get(DemoUsers).load()).toMatchObject({ created: 0, updated: 0, unchanged: loaded.users.length });

    const rows = ((await dump(db.url)).batches as Array<{ code: string; workflow_name: string }>).map(({ code, workflow_name }) => ({
      code,
      workflow_name,
    }));
    expect(rows).toEqual([
      { code: 'SZ-15FYP', workflow_name: 'demo' },
      { code: 'SZ-2024-OPINIONS', workflow_name: 'demo' },
      { code: 'SZ-BEP', workflow_name: 'demo' },
    ]);
  });
});
