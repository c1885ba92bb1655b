import { z } from 'zod';
import { LOCALES } from '#domain';
import { localizedText, rule, uuid } from '#validation';

/** Queries and bodies of the report endpoints. Strict: an unknown parameter is a 400 naming it. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const periodBound = z
  .string()
  .max(40)
  .refine(
    (v) => (DATE.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) : /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))),
    rule('date_or_instant', 'a calendar date (2026-11-16, read in the report time zone) or an ISO-8601 instant with its offset'),
  );

export const FORMATS = ['json', 'md', 'html', 'pdf'] as const;
const documentFields = {
  format: z.enum(FORMATS).default('json').describe('json (default), or a document: md, html, pdf'),
  lang: z.enum(LOCALES).default('zh-CN').describe('Language of a document (zh-CN default, or en)'),
};

const periodFields = {
  from: periodBound.optional().describe('Start of the period, inclusive (default: seven days before `to`)'),
  to: periodBound.optional().describe('End of the period: a date is inclusive (the whole day), an instant exclusive (default: now)'),
};

export const progressQuerySchema = z.strictObject({
  ...periodFields,
  unitId: uuid.optional().describe('Only matters this unit leads (a manager always gets their own unit)'),
  ...documentFields,
});

export const scorecardQuerySchema = z.strictObject({ ...periodFields, ...documentFields });

export const documentQuerySchema = z.strictObject(documentFields);

export const issueReplicationSchema = z.strictObject({
  title: localizedText(300).optional().describe('Default: 深圳综合改革试点第N批可复制推广经验清单'),
});

export const bulletinDraftQuerySchema = z.strictObject({ ...periodFields, ...documentFields });

export const issueBulletinSchema = z.strictObject({
  ...periodFields,
  title: localizedText(300).optional().describe('Default: 深圳综合改革试点推进情况通报（第N期）'),
});

export type Format = (typeof FORMATS)[number];
