import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { BusinessCalendar, LocalizedText } from '#domain';
import { localDate, validate } from '#validation';

/**
 * The business calendar: config/calendars/*.yaml, one file per year, as the State
 * Council General Office publishes it (国务院办公厅关于…年部分节假日安排的通知).
 */
const day = z.strictObject({ date: localDate, name: z.strictObject({ zh: z.string().optional(), en: z.string().optional() }) });
const fileSchema = z.strictObject({
  year: z.int().min(2000).max(2100),
  source: z.string().min(1),
  timeZone: z.string().optional(),
  holidays: z.array(day),
  adjustedWorkingDays: z.array(day).default([]),
});

export class CalendarError extends Error {
  constructor(file: string, problems: string[]) {
    super(`invalid business calendar ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CalendarError';
  }
}

export function loadBusinessCalendar(dir: string): BusinessCalendar {
  const years = new Set<number>();
  const holidays = new Map<string, LocalizedText>();
  const adjustedWorkingDays = new Map<string, LocalizedText>();
  const files = readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    const parsed = validate(fileSchema, parse(readFileSync(file, 'utf8')));
    if (!parsed.ok)
      throw new CalendarError(
        file,
        parsed.errors.map((e) => `${e.field}: ${e.message} (rule: ${e.rule})`),
      );
    const { year } = parsed.data;
    if (years.has(year)) throw new CalendarError(file, [`year ${year} is described by another file too`]);
    const outside = [...parsed.data.holidays, ...parsed.data.adjustedWorkingDays].filter((d) => !d.date.startsWith(`${year}-`));
    if (outside.length)
      throw new CalendarError(
        file,
        outside.map((d) => `${d.date} is not in ${year}`),
      );
    years.add(year);
    for (const d of parsed.data.holidays) holidays.set(d.date, d.name);
    for (const d of parsed.data.adjustedWorkingDays) {
      if (holidays.has(d.date)) throw new CalendarError(file, [`${d.date} is both a holiday and an adjusted working day`]);
      adjustedWorkingDays.set(d.date, d.name);
    }
  }
  return { years, holidays, adjustedWorkingDays };
}
