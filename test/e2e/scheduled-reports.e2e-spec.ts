import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '#reports';
import { pollUntil } from '../support/poll.js';
import { type System, startSystem } from '../support/system.js';

/**
 * Scheduled reports end to end: two report schedules ticking every 3 seconds, two worker
 * processes running them, a real SMTP server receiving the mail.
 */
const TICK_MS = 3_000;
let sys: System;

afterEach(() => sys?.close());

describe('scheduled reports', () => {
  it('make one run per period and one mail per recipient, with a PDF that lists the matters, even with two workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-schedules-'));
    const file = join(dir, 'report-schedules.yaml');
    writeFileSync(
      file,
      [
        'schedules:',
        '  - { key: test-by-unit, kind: progress, cron: "*/3 * * * * *", recipients: unit_managers }',
        '  - { key: test-office, kind: progress, cron: "*/3 * * * * *", recipients: reform_office, formats: [pdf, md] }',
        '  - { key: test-scorecard, kind: scorecard, cron: "*/3 * * * * *", recipients: reform_office }',
      ].join('\n'),
    );
    sys = await startSystem({ env: { REPORT_SCHEDULES_FILE: file } });
    const drafted = [await sys.world.draft({ milestones: [] }), await sys.world.draft({ milestones: [] })];
    await Promise.all([sys.spawnWorker(), sys.spawnWorker()]);

    const runs = () =>
      sys.api.sql<{ schedule_key: string; period_start: Date; period_end: Date; files: string }>(
        `SELECT r.schedule_key, r.period_start, r.period_end, (SELECT count(*) FROM report_files f WHERE f.run_id = r.id) AS files
         FROM report_runs r ORDER BY r.schedule_key, r.period_start`,
      );
    // three ticks of each schedule
    await pollUntil(
      runs,
      (rows) => ['test-by-unit', 'test-office', 'test-scorecard'].every((k) => rows.filter((r) => r.schedule_key === k).length >= 3),
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'three runs of each schedule',
      },
    );
    const rows = await runs();
    for (const key of ['test-by-unit', 'test-office', 'test-scorecard']) {
      const mine = rows.filter((r) => r.schedule_key === key);
      // periods follow one another, each 3 s long, none produced twice
      for (const [i, r] of mine.entries()) {
        expect(r.period_end.getTime() - r.period_start.getTime()).toBe(TICK_MS);
        if (i > 0) expect(r.period_start.getTime()).toBe(mine[i - 1].period_end.getTime());
      }
    }
    expect(rows.filter((r) => r.schedule_key === 'test-office').every((r) => Number(r.files) === 2)).toBe(true); // pdf + md, zh-CN

    // every mail of a run arrives once: one per recipient and period
    const period = rows.find((r) => r.schedule_key === 'test-office')!.period_start.getTime();
    const office = sys.world.users.office.id;
    const manager = sys.world.users.sticManager.id;
    const officeKey = `report:test-office:${period}:all:${office}`;
    const unitKey = `report:test-by-unit:${rows.find((r) => r.schedule_key === 'test-by-unit')!.period_start.getTime()}:SZ-STIC:${manager}`;
    await pollUntil(
      () => sys.smtp.messages.filter((m) => m.deliveryKey === officeKey || m.deliveryKey === unitKey).length,
      (n) => n >= 2,
      { timeoutMs: 20_000, what: 'the two report mails' },
    );
    await new Promise((r) => setTimeout(r, 1_500));
    const reportMails = sys.smtp.messages.filter((m) => m.deliveryKey?.startsWith('report:'));
    const keys = reportMails.map((m) => m.deliveryKey);
    expect(new Set(keys).size).toBe(keys.length);
    // recipients: the reform office for the office-wide schedules, the leading unit's manager for the unit schedule
    const stored = await sys.api.sql<{ delivery_key: string }>(`SELECT delivery_key FROM deliveries WHERE delivery_key LIKE 'report:%'`);
    const recipientsOf = (schedule: string) =>
      new Set(
        stored.filter((d) => d.delivery_key.startsWith(`report:${schedule}:`)).map((d) => d.delivery_key.split(':').slice(3).join(':')),
      );
    expect(recipientsOf('test-office')).toEqual(new Set([`all:${office}`]));
    expect(recipientsOf('test-by-unit')).toEqual(new Set([`SZ-STIC:${manager}`]));
    const runsOf = (schedule: string) => rows.filter((r) => r.schedule_key === schedule).length;
    expect(stored.filter((d) => d.delivery_key.startsWith('report:test-office:')).length).toBeGreaterThanOrEqual(runsOf('test-office'));

    const officeMail = reportMails.find((m) => m.deliveryKey === officeKey)!;
    expect(officeMail.subject).toContain('实施进展报告');
    expect(officeMail.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'text/markdown']);
    const text = await pdfText(officeMail.attachments[0].content);
    for (const m of drafted) expect(text).toContain(m.code);
    const unitMail = reportMails.find((m) => m.deliveryKey === unitKey)!;
    expect(unitMail.attachments).toHaveLength(1);
    expect(await pdfText(unitMail.attachments[0].content)).toContain('SZ-STIC');
    const scorecard = reportMails.find((m) => m.deliveryKey?.startsWith('report:test-scorecard:'))!;
    expect(scorecard.subject).toContain('定期报告');
    expect(scorecard.attachments[0].filename).toMatch(/^unit-scorecard-.*\.pdf$/);
  }, 90_000);

  it('come back after Redis loses its data (FLUSHALL): the next ticks run again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-schedules-'));
    const file = join(dir, 'report-schedules.yaml');
    writeFileSync(file, 'schedules:\n  - { key: test-flush, kind: scorecard, cron: "*/2 * * * * *", recipients: reform_office }\n');
    sys = await startSystem({ env: { REPORT_SCHEDULES_FILE: file, RECONCILE_INTERVAL: 'PT1S' } });
    await sys.spawnWorker();
    const count = async () => Number((await sys.api.sql<{ n: string }>(`SELECT count(*) AS n FROM report_runs`))[0].n);
    await pollUntil(count, (n) => n >= 1, { timeoutMs: 20_000, what: 'a first run' });
    await sys.redis.flushAll();
    const after = await count();
    // the scheduler is restored within a reconcile interval and ticks again
    await pollUntil(count, (n) => n >= after + 2, { timeoutMs: 20_000, what: 'runs after FLUSHALL' });
  }, 60_000);
});
