import { deadlineUid, icalendar } from './ics.js';

const base = {
  uid: deadlineUid('9b1c'),
  sequence: 2,
  method: 'REQUEST' as const,
  start: '2026-03-01T10:00:00.000Z',
  durationMinutes: 30,
  summary: 'OP24-01-02：预算+负面清单，截止',
  description: '请于截止前完成；逾期将督办。\nSecond line, with a comma; and a semicolon',
  url: 'https://reformflow.example/matters/9b1c',
  organizer: { name: 'Reformflow', email: 'noreply@reformflow.local' },
  attendee: { name: '张主任', email: 'zhang@sz.gov.cn' },
  stamp: '2026-02-20T01:02:03.456Z',
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe(icalendar.name, () => {
  it('writes one event with a stable UID, its sequence, the due time in UTC, and CRLF line ends', () => {
    const ics = icalendar(base);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    const text = unfold(ics);
    expect(text).toContain('METHOD:REQUEST');
    expect(text).toContain('UID:deadline-9b1c@reformflow');
    expect(text).toContain('SEQUENCE:2');
    expect(text).toContain('DTSTART:20260301T100000Z');
    expect(text).toContain('DTSTAMP:20260220T010203Z');
    expect(text).toContain('STATUS:CONFIRMED');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('escapes text values and folds long lines at 75 octets without splitting a Chinese character', () => {
    const ics = icalendar({ ...base, description: '深圳综合改革试点'.repeat(10) });
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`DESCRIPTION:${'深圳综合改革试点'.repeat(10)}`);
    expect(unfold(icalendar(base))).toContain('DESCRIPTION:请于截止前完成；逾期将督办。\\nSecond line\\, with a comma\\; and a semicolon');
  });

  it('cancels with the same UID', () => {
    const text = unfold(icalendar({ ...base, method: 'CANCEL', sequence: 3 }));
    expect(text).toContain('METHOD:CANCEL');
    expect(text).toContain('STATUS:CANCELLED');
    expect(text).toContain('UID:deadline-9b1c@reformflow');
    expect(text).toContain('SEQUENCE:3');
  });
});
