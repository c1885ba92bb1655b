import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DB_PREFIX, SERVER_URL, withAdminClient } from '../support/databases.js';

/**
 * `npm run demo -- --once` as a person runs it (the built launcher as a child process),
 * on its own database, queue prefix and output folder so it runs beside other tests and
 * beside a person's own demo. The demo checks its own outcome and writes it down; this
 * test reads that record and the mail folder, and fails on any step that went wrong.
 */
const database = `${TEST_DB_PREFIX}demo`;
const out = mkdtempSync(join(tmpdir(), 'reformflow-demo-'));

interface Outcome {
  ok: boolean;
  problems: string[];
  seconds: number;
  steps: Array<{ matter: string; label: string; expected: string; actual: string; ok: boolean }>;
  report: { ok: boolean; codes: string[]; expectedCodes: string[]; files: string[]; problem: string | null };
  live: {
    seconds: number;
    matters: Array<{
      matter: string;
      expected: string;
      actual: string;
      inbox: { email: string; kind: string } | null;
      inInbox: boolean | null;
      ok: boolean;
    }>;
    inboxes: Array<{ email: string; total: number; counts: Record<string, number>; matters: Record<string, string[]> }>;
  };
  mail: { dir: string | null; count: number; kinds: Record<string, number>; missingKinds: string[]; files: string[] };
}

let exit: { code: number | null; output: string };

beforeAll(async () => {
  exit = await new Promise((resolve) => {
    const output: string[] = [];
    const child = spawn(process.execPath, ['dist/apps/launcher/src/demo.js', '--once', '--out', out, '--database', database], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: `${SERVER_URL}/${database}`,
        DEMO_QUEUE_PREFIX: `rf-demo-${process.pid}`,
        // the in-process mail server, whatever a developer's .env says
        SMTP_HOST: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.join('') });
    });
  });
}, 180_000);

afterAll(async () => {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  rmSync(out, { recursive: true, force: true });
});

const outcome = (): Outcome => JSON.parse(readFileSync(join(out, 'demo', 'outcome.json'), 'utf8'));

describe('the demo (npm run demo -- --once)', () => {
  it('exits 0 having checked its own outcome', () => {
    if (exit.code !== 0) throw new Error(`the demo exited ${exit.code}:\n${exit.output.slice(-4000)}`);
    expect(outcome().ok).toBe(true);
    expect(outcome().problems).toEqual([]);
  });

  it('reaches the expected state at every step of the scenario, within two minutes', () => {
    const o = outcome();
    expect(o.steps.filter((s) => !s.ok)).toEqual([]);
    expect(o.steps.length).toBeGreaterThanOrEqual(50);
    // the stories the demo promises, by their end states
    const ends = (code: string) => o.steps.filter((s) => s.matter === code).map((s) => s.actual);
    expect(ends('BEP-05')).toContain('closed:replicated');
    expect(ends('BEP-07')).toEqual(expect.arrayContaining(['draft', 'in_implementation', 'closed:replicated'])); // rejected, adjusted, replicated
    expect(o.steps.some((s) => s.matter === 'BEP-07' && s.label.includes('驳回'))).toBe(true);
    // the one seeded matter that adjusts a law (003 item (14)) waits for the NPC Standing Committee, which records its instrument
    expect(o.steps.some((s) => s.matter === 'OP24-08-03' && s.expected === 'in_approval:legal-authorization')).toBe(true);
    expect(ends('OP24-01-02')).toEqual(expect.arrayContaining(['sent:3', 'sent:2', 'closed:closed_ineffective']));
    expect(o.seconds).toBeLessThan(120);
  });

  it('issues a replication report listing exactly the replicable matters, saved as md, html and pdf', () => {
    const { report } = outcome();
    expect(report.problem).toBeNull();
    expect(report.codes).toEqual(['BEP-02', 'BEP-05', 'BEP-07', 'OP24-08-03']);
    expect(report.files.map((f) => f.split('.').pop()).sort()).toEqual(['html', 'md', 'pdf']);
    const pdf = report.files.find((f) => f.endsWith('.pdf'))!;
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('leaves matters open afterwards, each in the inbox of the person who must act, and prints the accounts', () => {
    const { live } = outcome();
    expect(live.matters.filter((m) => !m.ok)).toEqual([]);
    expect(live.matters.length).toBeGreaterThanOrEqual(10);
    expect(live.seconds).toBeLessThan(20);
    const state = (code: string) => live.matters.find((m) => m.matter === code)?.actual;
    expect(state('OP24-01-04')).toBe('draft');
    expect(state('BEP-09')).toBe('in_approval:reform-office-review');
    expect(state('OP24-04-01')).toBe('in_approval:provincial-review');
    expect(state('OP24-01-06')).toBe('in_evaluation:none');
    expect(state('OP24-07-02')).toBe('in_implementation:urge-open');
    const inbox = (who: string) => live.inboxes.find((b) => b.email === `${who}@demo.reformflow.local`)!;
    for (const who of ['stic.approver', 'commerce.approver', 'cro.li', 'gd.approver', 'ndrc.approver'])
      expect(inbox(who).counts.approval_step).toBeGreaterThan(0);
    expect(inbox('commerce.manager').matters.urge_notice).toContain('OP24-07-02');
    expect(inbox('cro.li').counts).toEqual(expect.objectContaining({ evaluator_needed: 1, overdue_deadline: expect.any(Number) }));
    expect(inbox('stic.manager').counts.milestone).toBeGreaterThan(0);
    // a participating unit's part (配合单位分工) waits for the finance bureau's manager
    expect(inbox('fin.manager').counts.part).toBe(1);
    // the web address and the table of accounts, with what waits for each
    expect(exit.output).toMatch(/web app\s+http:\/\/localhost:\d+\//);
    expect(exit.output).toMatch(/commerce\.manager@demo\.reformflow\.local .*催办待确认 1/);
  });

  it('captures mail of each kind, one .eml file per message under the output folder', () => {
    const { mail } = outcome();
    expect(mail.missingKinds).toEqual([]);
    for (const kind of [
      'approval-requested',
      'decision-made',
      'deadline-reminder',
      'deadline-escalation',
      'urge-notice',
      'evaluation-logged',
    ]) {
      expect(mail.kinds[kind]).toBeGreaterThan(0);
    }
    const files = readdirSync(join(out, 'mail')).filter((f) => f.endsWith('.eml'));
    expect(mail.dir).toBe(join(out, 'mail'));
    expect(files.length).toBe(mail.count);
    const reminder = readFileSync(
      join(
        out,
        'mail',
        files.find((f) => f.includes('deadline-reminder'))!,
      ),
      'utf8',
    );
    expect(reminder).toMatch(/^X-Reformflow-Delivery:\s+t\./m);
    expect(reminder).toContain('BEGIN:VCALENDAR');
    // and one line per message on the timeline
    expect((exit.output.match(/✉ to=/g) ?? []).length).toBe(mail.count);
  });
});
