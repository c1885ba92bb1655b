import { ReportScheduleError, parseReportSchedules, schedulePeriod } from './report-schedules.js';

const parse = (yaml: string) => parseReportSchedules('schedules.yaml', yaml, 'Asia/Shanghai');
const problemsOf = (yaml: string): string[] => {
  try {
    parse(yaml);
  } catch (e) {
    if (e instanceof ReportScheduleError) return e.problems;
    throw e;
  }
  throw new Error('expected a ReportScheduleError');
};

describe('report schedules file', () => {
  it('reads schedules with their defaults (zone, PDF)', () => {
    expect(parse('schedules:\n  - { key: weekly, kind: progress, cron: "0 8 * * 1", recipients: unit_managers }')).toEqual([
      { key: 'weekly', kind: 'progress', cron: '0 8 * * 1', timeZone: 'Asia/Shanghai', recipients: 'unit_managers', formats: ['pdf'] },
    ]);
    expect(parse('')).toEqual([]);
  });

  it('names every problem by its path', () => {
    const problems = problemsOf(
      [
        'schedules:',
        '  - { key: a, kind: progress, cron: "61 * * * *", recipients: reform_office }',
        '  - { key: a, kind: scorecard, cron: "0 9 1 * *", recipients: reform_office, timeZone: Mars/Olympus }',
      ].join('\n'),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^schedules\[0\]\.cron: /),
      'schedules[1].key: "a" is used twice',
      'schedules[1].timeZone: "Mars/Olympus" is not an IANA time zone',
    ]);
    expect(problemsOf('schedules:\n  - { key: b, kind: scorecard, cron: "0 9 1 * *", recipients: unit_managers }')).toEqual([
      expect.stringMatching(/^schedules\[0\]\.recipients: unit_managers receive progress reports \(their own unit\) and bulletins only/),
    ]);
    // a bulletin goes to every unit: to the reform office alone it is refused
    expect(problemsOf('schedules:\n  - { key: c, kind: bulletin, cron: "0 9 * * 1", recipients: reform_office }')).toEqual([
      expect.stringMatching(/^schedules\[0\]\.recipients: a bulletin goes to every unit/),
    ]);
    expect(
      problemsOf('schedules:\n  - { key: Bad Key, kind: progress, cron: "0 9 1 * *", recipients: reform_office, extra: 1 }'),
    ).toHaveLength(2);
  });
});

describe('the period of a tick', () => {
  it('runs from the previous tick to this one, in the schedule zone', () => {
    // Monday 2026-11-23 08:00 in Shanghai is 00:00 UTC
    const weekly = { cron: '0 8 * * 1', timeZone: 'Asia/Shanghai' };
    expect(schedulePeriod(weekly, new Date('2026-11-23T00:00:00.000Z'))).toEqual({
      from: new Date('2026-11-16T00:00:00.000Z'),
      to: new Date('2026-11-23T00:00:00.000Z'),
    });
    const monthly = { cron: '0 9 1 * *', timeZone: 'Asia/Shanghai' };
    expect(schedulePeriod(monthly, new Date('2026-12-01T01:00:00.000Z'))).toEqual({
      from: new Date('2026-11-01T01:00:00.000Z'),
      to: new Date('2026-12-01T01:00:00.000Z'),
    });
  });
});
