import { z } from 'zod';
import {
  DELIVERY_STATUSES,
  LEGAL_ADJUSTMENT_LEVELS,
  LIMITS,
  LOCALES,
  MATTER_KINDS,
  ORDER_COLOURS,
  ASSIGNMENT_RESOLUTIONS,
  RISK_LEVELS,
  STAGES,
  VERDICTS,
} from '#domain';
import type { DueSpec, LogEvaluation, MilestoneInput, PartInput } from '#domain';
import { MATTER_SORT_KEYS } from '#persistence';
import {
  basisText,
  instantText,
  isoDuration,
  leadingUnitBasis,
  localDate,
  localizedText,
  matterCode,
  matterSource,
  riskFields,
  rule,
  targetFields,
  text,
  uuid,
} from '#validation';

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

/** 分工: a participating unit's part, as the plan or the leading unit gives it. */
const partFields = {
  unitId: uuid.describe("One of the matter's participating units"),
  deliverable: localizedText(LIMITS.title).describe('What the unit delivers (承担任务)'),
  ...due,
  contactId: uuid.nullable().optional().describe("The unit's contact person (a user of that unit); the unit's managers when omitted"),
};
const part = z.strictObject(partFields).refine(exactlyOneDue, oneDue);
export const toPartInput = (p: z.infer<typeof part>): PartInput => ({
  unitId: p.unitId,
  deliverable: p.deliverable,
  due: dueSpec(p)!,
  contactId: p.contactId ?? null,
});

const target = z.strictObject({
  id: uuid.optional().describe('Keep an existing target by sending its id'),
  ...targetFields,
});

const risk = z.strictObject({ id: uuid.optional(), ...riskFields });

/** 003 item (14): what the measure adjusts decides who authorizes it (NPC Standing Committee: a law; State Council: a regulation). */
const legalAdjustment = z
  .strictObject({
    level: z
      .enum(LEGAL_ADJUSTMENT_LEVELS)
      .describe('law (the NPC Standing Committee authorizes) or administrative_regulation (the State Council)'),
    name: text(300).describe('Which one, by its title: 《中华人民共和国邮政法》'),
  })
  .describe('The law or administrative regulation the measure adjusts (only with requiresLegalAuthorization)');

const nationalApproval = z
  .strictObject({
    authority: text(300).describe("The national body whose approval is needed: a ministry, a regulator, the Supreme People's Court"),
    basis: basisText.nullable().default(null).describe("Why: the document's words, or the rule that gives it the power"),
  })
  .describe("A national body's approval the measure needs without adjusting a law: a separate condition from legal authorization");

/** Where the matter comes from and why it is as it is: what a reviewer checks against the document. */
const provenanceFields = {
  leadingUnitBasis: leadingUnitBasis.optional(),
  legalBasis: basisText.nullable().optional().describe('Why the matter needs legal authorization (only with requiresLegalAuthorization)'),
  legalAdjustment: legalAdjustment.nullable().optional(),
  nationalApproval: nationalApproval.nullable().optional(),
  kindBasis: basisText.nullable().optional().describe('Why the matter has its kind, where that is not obvious'),
  source: matterSource.nullable().optional(),
};

const planFields = {
  code: matterCode,
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
  ...provenanceFields,
};

export const createMatterSchema = z.strictObject({
  batchId: uuid,
  workflow: z.string().max(64).optional().describe("A workflow definition name; the batch's workflow by default"),
  ...planFields,
  milestones: z.array(milestone).max(LIMITS.milestones).default([]),
  parts: z.array(part).max(LIMITS.parts).default([]).describe("The participating units' parts (分工)"),
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
    ...provenanceFields,
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), rule('non_empty', 'change at least one field'));

const comment = text(LIMITS.comment);

export const versionOnlySchema = z.strictObject({ version });
/**
 * The instrument of a legal authorization, recorded with the decision of the legal-authorization
 * step: valid from `validFrom` (that day; the decision time when omitted) to the end of
 * `validUntil`, or for `validFor`; neither: without a time limit.
 */
const authorizationInstrument = z
  .strictObject({
    title: text(300).describe('The title of the authorizing decision or reply'),
    documentNumber: text(100).describe('Its document number: 国函〔2026〕12号'),
    issuedOn: localDate.describe('The date of the instrument'),
    scope: text(LIMITS.comment).describe('What it authorizes: the provisions adjusted, where, for what'),
    validFrom: localDate.optional().describe('Valid from this day (the decision time when omitted)'),
    validUntil: localDate.optional().describe('Valid until the end of this day'),
    validFor: isoDuration.optional().describe('Or: valid for this long from validFrom, as an ISO-8601 duration (P3Y)'),
  })
  .refine((i) => !(i.validUntil !== undefined && i.validFor !== undefined), {
    ...rule('one_of_valid_until_valid_for', 'give at most one of validUntil and validFor'),
    path: ['validFor'],
  })
  .describe('Only on the legal-authorization step, and required there for a matter that names its legal adjustment');

export const approveSchema = z.strictObject({ version, comment: comment.optional(), authorization: authorizationInstrument.optional() });
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
export const assignPartSchema = z.strictObject({ version, ...partFields }).refine(exactlyOneDue, oneDue);
export const editPartSchema = z
  .strictObject({ version, deliverable: partFields.deliverable.optional(), ...due, contactId: partFields.contactId })
  .refine((b) => !(b.dueAt !== undefined && b.dueIn !== undefined), oneDue)
  .refine(
    (b) => b.deliverable !== undefined || b.dueAt !== undefined || b.dueIn !== undefined || b.contactId !== undefined,
    rule('non_empty', 'change the deliverable, the due time or the contact person'),
  );
export const cancelPartSchema = z.strictObject({
  version,
  reason: comment.optional().describe('Why the part is taken back: required once the matter is past its draft'),
});
export const reportProgressSchema = z.strictObject({
  version,
  targetId: uuid,
  value: z.number(),
  asOf: localDate,
  note: comment.optional(),
});
export const noteSchema = z.strictObject({ version, note: comment.optional() });
const link = z
  .url({ protocol: /^https?$/, message: 'must be an http or https address' })
  .max(2000)
  .describe('An http(s) address of the evidence');

const evidence = z.strictObject({
  text: text(LIMITS.description).describe('What the value rests on: the source, the method, who measured it'),
  links: z.array(link).max(20).default([]),
});

export const reportPartSchema = z.strictObject({
  version,
  narrative: text(LIMITS.description).describe('What the unit has done on its part'),
  evidenceLinks: z.array(link).max(20).default([]),
  complete: z.boolean().default(false).describe('The part is done: its deadline is met'),
});

/** 签收: a manager of the unit accepts the matter or its part, with optional words. */
export const acceptAssignmentSchema = z.strictObject({
  version,
  comment: comment.optional().describe("The manager's words on accepting (签收意见)"),
});
/** 退回: the unit returns the matter or its part to the reform office, saying why. */
export const returnAssignmentSchema = z.strictObject({
  version,
  reason: text(LIMITS.comment).describe('Why the assignment goes back, e.g. it belongs to another unit'),
});
/** The reform office resolves a returned assignment: kept by the same unit, or given to another. */
export const resolveAssignmentSchema = z.strictObject({
  version,
  resolution: z.enum(ASSIGNMENT_RESOLUTIONS).describe('keep: back to the same unit (a new acceptance opens); transfer: to unitId'),
  unitId: uuid.optional().describe('transfer: the unit that takes it over (for a part, another participating unit); required then'),
  managerId: uuid.optional().describe('transfer of the matter: the responsible manager in the new leading unit; required then'),
  contactId: uuid.nullable().optional().describe("transfer of a part: the new unit's contact person (none: its managers)"),
  comment: text(LIMITS.comment).describe("The office's answer to the unit (处理意见)"),
});

/** 领导批示: the reform office records a leader's written instruction; at most one of dueAt and dueIn (none: the definition's time limit). */
export const recordInstructionSchema = z
  .strictObject({
    version,
    leaderName: text(LIMITS.leaderName).describe('The leader who gave the instruction, as it is signed'),
    leaderTitle: text(LIMITS.leaderName).nullable().optional().describe('Their office (职务), e.g. 市委书记'),
    givenOn: localDate.describe('The day the leader wrote it (not after today)'),
    text: text(LIMITS.description).describe("The instruction's words"),
    ...due,
  })
  .refine((b) => !(b.dueAt !== undefined && b.dueIn !== undefined), oneDue);
export const toInstructionInput = (b: z.infer<typeof recordInstructionSchema>) => ({
  leaderName: b.leaderName,
  leaderTitle: b.leaderTitle ?? null,
  givenOn: b.givenOn,
  text: b.text,
  due: dueSpec(b) ?? null,
});
export const reportInstructionSchema = z.strictObject({
  version,
  narrative: text(LIMITS.description).describe('How the leading unit carried the instruction out (落实情况)'),
  evidenceLinks: z.array(link).max(20).default([]),
});
export const closeInstructionSchema = z.strictObject({
  version,
  remark: comment.optional().describe("The reform office's remark on closing (销号)"),
});

/** 三色督办单: the reform office issues a supervision order; at most one of dueAt and dueIn (none: the definition's orders.within). */
export const issueOrderSchema = z
  .strictObject({
    version,
    colour: z.enum(ORDER_COLOURS).describe('blue: due soon; yellow: behind schedule or poor quality; red: overdue'),
    subjectKey: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .describe('A deadline key of the matter (milestone:<id>, part:<id> …, as GET …/deadlines gives it); none: the matter as a whole'),
    requirement: text(LIMITS.description).describe('What the unit must do, and to what standard'),
    ...due,
  })
  .refine((b) => !(b.dueAt !== undefined && b.dueIn !== undefined), oneDue);
export const toOrderInput = (b: z.infer<typeof issueOrderSchema>) => ({
  colour: b.colour,
  subjectKey: b.subjectKey ?? null,
  requirement: b.requirement,
  due: dueSpec(b) ?? null,
});
export const closeOrderSchema = z.strictObject({
  version,
  remark: comment.optional().describe("The reform office's remark on closing (销号)"),
});

const experience = z.strictObject({
  title: localizedText(),
  practice: localizedText(LIMITS.description).describe('The practice in a few paragraphs (separated by blank lines)'),
  conditions: localizedText(LIMITS.description).describe('What a region needs in place to replicate it'),
  regions: z.array(text(200)).min(1).max(30).describe('Regions it suits'),
  fields: z.array(text(200)).min(1).max(30).describe('Fields it suits'),
  contactUnitId: uuid.optional().describe('Whom other regions ask; the leading unit when omitted'),
});

const adjustment = z.strictObject({
  plan: comment.describe('What changes in the plan'),
  addMilestones: z.array(milestone).max(LIMITS.milestones).default([]),
  moveMilestones: z
    .array(z.strictObject({ milestoneId: uuid, ...due }).refine(exactlyOneDue, oneDue))
    .max(LIMITS.milestones)
    .default([]),
});

export const logEvaluationSchema = z.strictObject({
  version,
  verdict: z.enum(VERDICTS).describe('replicable closes as replicated; needs_adjustment returns to implementation; ineffective closes'),
  narrative: text(LIMITS.description),
  scores: z
    .record(z.string().max(48), z.number())
    .describe('One score per criterion of the workflow\'s rubric, e.g. { "effectiveness": 4, "replicability": 5 }'),
  results: z
    .array(
      z.strictObject({
        targetId: uuid,
        actualValue: z.number().nullable().describe('null when it could not be measured; say why in the evidence'),
        evidence,
      }),
    )
    .max(LIMITS.targets)
    .describe('One per target of the matter'),
  experience: experience.optional().describe('Required for replicable: the experience to promote'),
  adjustment: adjustment.optional().describe('Required for needs_adjustment: the adjustment plan and its new deadlines'),
  lessons: comment.optional().describe('Required for ineffective: what was learned'),
});
export const assignEvaluatorSchema = z.strictObject({
  version,
  evaluatorId: uuid,
  reason: comment.optional().describe('Why the assigned evaluator is replaced (required when one is assigned already)'),
});
export const reassignManagerSchema = z.strictObject({
  version,
  managerId: uuid.describe('A manager of the leading unit'),
  reason: comment.describe('Why the matter changes hands'),
});

export function toLogEvaluation(b: z.infer<typeof logEvaluationSchema>): LogEvaluation {
  return {
    type: 'log_evaluation',
    verdict: b.verdict,
    narrative: b.narrative,
    scores: b.scores,
    results: b.results,
    ...(b.experience ? { experience: b.experience } : {}),
    ...(b.adjustment
      ? {
          adjustment: {
            plan: b.adjustment.plan,
            addMilestones: b.adjustment.addMilestones.map(toMilestoneInput),
            moveMilestones: b.adjustment.moveMilestones.map((m) => ({ milestoneId: m.milestoneId, due: dueSpec(m)! })),
          },
        }
      : {}),
    ...(b.lessons !== undefined ? { lessons: b.lessons } : {}),
  };
}
export const withdrawSchema = z.strictObject({ version, reason: comment.optional() });
export const terminateSchema = z.strictObject({ version, reason: comment });
export const urgeNoticeSchema = z.strictObject({ version, message: comment });
/** 批量催办: one message, one notice on each matter, all of them or none. */
export const bulkUrgeNoticeSchema = z.strictObject({
  message: comment,
  matters: z
    .array(z.strictObject({ id: uuid, version: z.int().min(1).describe('The version you last read') }))
    .min(1)
    .max(LIMITS.bulkUrge)
    .refine((ms) => new Set(ms.map((m) => m.id)).size === ms.length, rule('unique', 'names a matter twice'))
    .describe('The overdue matters to urge, each with the version you last read'),
});
export const acknowledgeSchema = z.strictObject({ version, response: comment.optional() });

/** A periodic progress report (进展报告): a narrative, with a value for any numeric target where there is one. */
export const fileProgressReportSchema = z.strictObject({
  version,
  done: text(LIMITS.description).describe('What was done in the period'),
  problems: text(LIMITS.description).optional().describe('Problems met'),
  nextSteps: text(LIMITS.description).optional().describe('Next steps'),
  evidenceLinks: z.array(link).max(20).default([]).describe('Links to the evidence (documents, notices, statistics)'),
  values: z
    .array(z.strictObject({ targetId: uuid, value: z.number().describe('The value as of today') }))
    .max(LIMITS.targets)
    .default([])
    .describe('A value for any numeric target of the matter; none when it has none'),
});

/** The risk register after approval: a new level, risks added or changed (send their ids), or the whole list. */
export const updateRisksSchema = z
  .strictObject({
    version,
    riskLevel: z.enum(RISK_LEVELS).optional(),
    risks: z
      .array(risk)
      .max(LIMITS.risks)
      .optional()
      .describe('The whole register: keep a risk by sending its id, leave one out to remove it'),
    note: comment.optional().describe('Why the register changes'),
  })
  .refine((b) => b.riskLevel !== undefined || b.risks !== undefined, rule('non_empty', 'change the risk level or the risks'));

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
  deliveryStatus: z
    .enum(DELIVERY_STATUSES)
    .optional()
    .describe('The delivery status that holds now: on_track, at_risk or off_track (matters no longer open have none)'),
  q: z.string().trim().min(1).max(100).optional().describe('Free text over the code and both titles'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${MATTER_SORT_KEYS.join('|')})$`), `one of ${MATTER_SORT_KEYS.join(', ')}, with a leading - for descending`)
    .default('-updatedAt'),
  format: z.enum(['json', 'csv']).default('json').describe('csv: the whole filtered list (up to 10,000 rows) as a spreadsheet'),
  lang: z.enum(LOCALES).optional().describe("The CSV's language; yours by default"),
});

/** The most rows one CSV export carries. */
export const CSV_EXPORT_LIMIT = 10_000;
