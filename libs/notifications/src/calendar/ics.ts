/**
 * iCalendar (RFC 5545) events for deadlines. One event per deadline, with a stable UID,
 * so a calendar that received it updates the same entry when the deadline moves
 * (SEQUENCE goes up with the deadline's version) and removes it when the deadline is
 * met or cancelled (METHOD:CANCEL).
 */
export interface CalendarEvent {
  /** Stable per deadline: `deadline-<id>@reformflow`. */
  uid: string;
  /** The deadline's version: a higher one replaces what a calendar holds. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** The due time. */
  start: string;
  durationMinutes: number;
  summary: string;
  description: string;
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** When the event was written (DTSTAMP). */
  stamp: string;
}

/** The UID of a deadline's calendar entry. */
export const deadlineUid = (deadlineId: string): string => `deadline-${deadlineId}@reformflow`;

export function icalendar(e: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Reformflow//Deadlines//ZH',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utc(e.stamp)}`,
    `DTSTART:${utc(e.start)}`,
    `DURATION:PT${e.durationMinutes}M`,
    `SUMMARY:${escape(e.summary)}`,
    `DESCRIPTION:${escape(e.description)}`,
    `URL:${e.url}`,
    `ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`,
    `ATTENDEE;CN=${param(e.attendee.name)};ROLE=REQ-PARTICIPANT:mailto:${e.attendee.email}`,
    `STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** `20260301T100000Z` */
function utc(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11). */
function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value: quoted, with the characters a quoted value cannot hold removed. */
function param(text: string): string {
  return `"${text.replace(/["\r\n]/g, '')}"`;
}

/** Lines longer than 75 octets continue on lines that start with a space; never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines begin with one space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}
