import { z } from 'zod';
import { LIKELIHOODS, LIMITS, MATTER_CODE_PATTERN, MATTER_KINDS, OUTCOMES, RISK_LEVELS, STAGES, VERDICTS } from '#domain';
import type { DueSpec, MilestoneInput } from '#domain';
import { MATTER_SORT_KEYS } from '#persistence';
import { instantText, isoDuration, localDate, localizedText, rule, text, uuid } from '#validation';

/** Request bodies and queries of the matter endpoints. Strict: an unknown field is a 400 naming it. */

/** Optional in every write body; the If-Match header is the alternative. */
const version = z.int().min(1).optional().describe('The version you last read (or send it as If-Match: "<version>")');

/** One rule rather than a union, so a bad value is reported as what it should be, not as "Invalid input". */
const dueAtText = z
  .string()
  .max(40)
  .refine(
    (s) => localDate.safeParse(s).success || instantText.safeParse(s).success,
    rule('date_or_date_time', 'must be a date (2026-03-01) or a date-time with an offset (2026-03-01T18:00:00+08:00)'),
  );

const due = {
  dueAt: dueAtText
    .optional()
    .describe('When it is due: a date-time with offset, or a date (meaning 23:59:59 that day in the workflow time zone)'),
  dueIn: isoDuration.optional().describe('Or: how long from now, as an ISO-8601 duration (P90D, PT5S)'),
};

export function dueSpec(v: { dueAt?: string; dueIn?: string }): DueSpec | undefined {
  if (v.dueIn !== undefined) return { in: v.dueIn };
  if (v.dueAt === undefined) return undefined;
  return v.dueAt.length === 10 ? { on: v.dueAt } : { at: new Date(v.dueAt) };
}

const exactlyOneDue = <T extends { dueAt?: string; dueIn?: string }>(v: T) => (v.dueAt === undefined) !== (v.dueIn === undefined);
const oneDue = rule('one_of_due_at_due_in', 'give exactly one of dueAt and dueIn');

const milestone = z.strictObject({ title: localizedText(), ...due }).refine(exactlyOneDue, oneDue);
export const toMilestoneInput = (m: z.infer<typeof milestone>): MilestoneInput => ({ title: m.title, due: dueSpec(m)! });

const target = z.strictObject({
  id: uuid.optional().describe('Keep an existing target by sending its id'),
  indicator: localizedText(),
  baseline: z.number().nullable().default(null),
  targetValue: z.number(),
  unit: text(LIMITS.unitLabel),
  byDate: localDate,
});

const risk = z.strictObject({
  id: uuid.optional(),
  description: text(LIMITS.shortText),
  likelihood: z.enum(LIKELIHOODS),
  impact: z.enum(LIKELIHOODS),
  mitigation: text(LIMITS.shortText),
});

const planFields = {
  // the length first and alone: a code too long is "max_length", not a pattern mismatch
  code: z
    .string()
    .max(LIMITS.code, { abort: true })
    .regex(MATTER_CODE_PATTERN, 'letters, digits, dot, dash or underscore, starting with a letter or digit, at most 64'),
  title: localizedText(LIMITS.title),
  description: localizedText(LIMITS.description).optional(),
  kind: z.enum(MATTER_KINDS),
  policyArea: text(LIMITS.policyArea),
  leadingUnitId: uuid,
  participatingUnitIds: z.array(uuid).max(LIMITS.participatingUnits).default([]),
  managerId: uuid.nullable().default(null),
  targets: z.array(target).max(LIMITS.targets).default([]),
  riskLevel: z.enum(RISK_LEVELS),
  risks: z.array(risk).max(LIMITS.risks).default([]),
  requiresLegalAuthorization: z.boolean().default(false),
};

export const createMatterSchema = z.strictObject({
  batchId: uuid,
  workflow: z.string().max(64).optional().describe("A workflow definition name; the batch's workflow by default"),
  ...planFields,
  milestones: z.array(milestone).max(LIMITS.milestones).default([]),
});
export type CreateMatterBody = z.infer<typeof createMatterSchema>;

/** Draft edits: any plan field. Collections replace the whole list. */
export const editMatterSchema = z
  .strictObject({
    version,
    code: planFields.code.optional(),
    title: planFields.title.optional(),
    description: planFields.description,
    kind: planFields.kind.optional(),
    policyArea: planFields.policyArea.optional(),
    leadingUnitId: uuid.optional(),
    participatingUnitIds: z.array(uuid).max(LIMITS.participatingUnits).optional(),
    managerId: uuid.nullable().optional(),
    targets: z.array(target).max(LIMITS.targets).optional(),
    riskLevel: planFields.riskLevel.optional(),
    risks: z.array(risk).max(LIMITS.risks).optional(),
    requiresLegalAuthorization: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), rule('non_empty', 'change at least one field'));

const comment = text(LIMITS.comment);

export const versionOnlySchema = z.strictObject({ version });
export const approveSchema = z.strictObject({ version, comment: comment.optional() });
export const decisionWithCommentSchema = z.strictObject({ version, comment });
export const addMilestoneSchema = z.strictObject({ version, title: localizedText(), ...due }).refine(exactlyOneDue, oneDue);
export const editMilestoneSchema = z
  .strictObject({ version, title: localizedText().optional(), ...due })
  .refine((b) => !(b.dueAt !== undefined && b.dueIn !== undefined), oneDue)
  .refine(
    (b) => b.title !== undefined || b.dueAt !== undefined || b.dueIn !== undefined,
    rule('non_empty', 'change the title or the due time'),
  );
export const completeMilestoneSchema = z.strictObject({ version, note: comment.optional() });
export const reportProgressSchema = z.strictObject({
  version,
  targetId: uuid,
  value: z.number(),
  asOf: localDate,
  note: comment.optional(),
});
export const noteSchema = z.strictObject({ version, note: comment.optional() });
export const logEvaluationSchema = z.strictObject({ version, verdict: z.enum(VERDICTS), narrative: text(LIMITS.description) });
export const closeSchema = z.strictObject({ version, outcome: z.enum(OUTCOMES), note: comment.optional() });
export const adjustSchema = z.strictObject({
  version,
  reason: comment,
  addMilestones: z.array(milestone).max(LIMITS.milestones).default([]),
  moveMilestones: z
    .array(z.strictObject({ milestoneId: uuid, ...due }).refine(exactlyOneDue, oneDue))
    .max(LIMITS.milestones)
    .default([]),
});
export const withdrawSchema = z.strictObject({ version, reason: comment.optional() });
export const terminateSchema = z.strictObject({ version, reason: comment });
export const urgeNoticeSchema = z.strictObject({ version, message: comment });
export const acknowledgeSchema = z.strictObject({ version, response: comment.optional() });

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

export const listMattersSchema = z.strictObject({
  batchId: uuid.optional(),
  stage: csv(z.enum(STAGES)).optional().describe('One stage, or several separated by commas'),
  leadingUnitId: uuid.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Free text over the code and both titles'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${MATTER_SORT_KEYS.join('|')})$`), `one of ${MATTER_SORT_KEYS.join(', ')}, with a leading - for descending`)
    .default('-updatedAt'),
});
