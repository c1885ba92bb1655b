import { DurationError, addDuration, compareDurations, formatDuration, parseDuration, wallClockAt } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['P30D', { days: 30 }],
    ['PT5S', { seconds: 5 }],
    ['P1Y2M3W4DT5H6M7S', { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 }],
    ['PT0.5S', { seconds: 0.5 }],
    ['PT0S', {}],
  ])('reads %s', (text, expected) => {
    expect(parseDuration(text)).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, ...expected });
  });

  it.each(['', 'P', 'PT', '30D', 'P1.5D', 'P-1D', 'PT1H2H', 'P1DT', 'p1d', 'P1D ', 'PT5X', 'P99999999999D'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
  });

  it('round-trips through formatDuration', () => {
    for (const text of ['P30D', 'PT5S', 'P1Y2M', 'P2W', 'PT0S', 'P1DT12H']) expect(formatDuration(parseDuration(text))).toBe(text);
  });
});

describe('addDuration', () => {
  const shanghai = 'Asia/Shanghai';

  it('adds calendar days on the wall clock of the zone', () => {
    const start = new Date('2026-02-14T01:00:00Z'); // 09:00 in Shanghai
    expect(addDuration(start, parseDuration('P1D'), shanghai).toISOString()).toBe('2026-02-15T01:00:00.000Z');
  });

  it('adds clock time as exact elapsed time', () => {
    const start = new Date('2026-03-01T00:00:00.250Z');
    expect(addDuration(start, parseDuration('PT2S'), shanghai).toISOString()).toBe('2026-03-01T00:00:02.250Z');
  });

  it('clamps to the end of a shorter month', () => {
    const start = new Date('2026-01-31T02:00:00Z');
    const w = wallClockAt(addDuration(start, parseDuration('P1M'), shanghai), shanghai);
    expect([w.month, w.day, w.hour]).toEqual([2, 28, 10]);
  });

  it('keeps the wall clock across a daylight-saving change', () => {
    const start = new Date('2026-03-07T17:00:00Z'); // 12:00 in New York, the day before DST starts
    const end = addDuration(start, parseDuration('P1D'), 'America/New_York');
    expect(wallClockAt(end, 'America/New_York').hour).toBe(12);
    expect(end.getTime() - start.getTime()).toBe(23 * 3600_000);
  });

  it('subtracts for reminders before a due time', () => {
    const due = new Date('2026-05-10T10:00:00Z');
    expect(addDuration(due, parseDuration('P7D'), shanghai, -1).toISOString()).toBe('2026-05-03T10:00:00.000Z');
  });

  it('orders durations by length', () => {
    expect(compareDurations(parseDuration('P1D'), parseDuration('PT23H'))).toBeGreaterThan(0);
    expect(compareDurations(parseDuration('P1W'), parseDuration('P7D'))).toBe(0);
  });
});

describe('wallClockAt (offsets cached per quarter hour)', () => {
  const reader = (timeZone: string) => {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    return (instant: Date) => {
      const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
      return [p.year, p.month, p.day, p.hour, p.minute, p.second, instant.getUTCMilliseconds()].join(',');
    };
  };

  it.each(['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'])(
    'reads what Intl reads in %s, across daylight-saving transitions',
    (zone) => {
      const intl = reader(zone);
      const wrong: string[] = [];
      // every 23 minutes and a few seconds and ms over two years: both sides of every transition
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 1_383_007) {
        const at = new Date(t);
        const w = wallClockAt(at, zone);
        if ([w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond].join(',') !== intl(at)) wrong.push(at.toISOString());
      }
      expect(wrong).toEqual([]);
    },
  );

  it('refuses an invalid instant', () => {
    expect(() => wallClockAt(new Date(NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });
});
