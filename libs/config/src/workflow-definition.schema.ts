import { z } from 'zod';
import {
  AUTHORITIES,
  AUTO_ORDER_KINDS,
  DEFAULT_DELIVERY_STATUS_POLICY,
  DEFAULT_EVALUATION_POLICY,
  ESCALATION_TARGETS,
  FIXED_AUTHORITIES,
  LEGAL_AUTHORIZING_BODIES,
  MATTER_KINDS,
  RISK_LEVELS,
  ROLES,
  TIMED_STAGES,
  UNIT_CODE_PATTERN,
  parseDuration,
} from '#domain';
import type { DeadlinePolicy, DurationSpec, StatusRule, WorkflowDefinitionBody } from '#domain';
import { isoDuration, localizedText, rule, timeZone } from '#validation';

/** A duration: ISO-8601 (`P30D`, `PT5S`), or `{ workingDays: 10 }` counted on the business calendar. */
const duration = z.union([isoDuration, z.strictObject({ workingDays: z.int().min(1).max(365) })]);

/** Rough length in seconds, to order durations: a working day counts as 7/5 of a calendar day. */
export function approximateSeconds(spec: DurationSpec): number {
  if (typeof spec !== 'string') return (spec.workingDays * 7 * 86_400) / 5;
  const d = parseDuration(spec);
  return (((d.years * 365.25 + d.months * 30.44 + d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds;
}

/**
 * The shape of a file in config/workflows/. `defaults` (reminders, escalation) fill
 * any stage, the approval chain and milestones that do not set their own; the
 * normalised body that is stored and versioned has every value spelled out.
 */
const escalationLevel = z.strictObject({
  level: z.int().min(1).max(9),
  notify: z.array(z.enum(ESCALATION_TARGETS)).min(1),
  after: duration,
});

const reminders = z
  .array(duration)
  .max(10)
  .refine((r) => new Set(r.map((x) => JSON.stringify(x))).size === r.length, rule('distinct', 'lists the same reminder offset twice'));

const escalation = z
  .array(escalationLevel)
  .max(9)
  .superRefine((levels, ctx) => {
    levels.forEach((l, i) => {
      if (l.level !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'level'],
          message: `levels are numbered 1, 2, 3 … in order; expected ${i + 1}`,
          params: { rule: 'consecutive_levels' },
        });
      }
      if (i > 0 && approximateSeconds(l.after) <= approximateSeconds(levels[i - 1].after)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'after'],
          message: 'each level comes strictly later than the one before',
          params: { rule: 'increasing' },
        });
      }
    });
  });

const policy = { reminders: reminders.optional(), escalation: escalation.optional() };

/** 自动督办: an order the definition issues by itself, `overdueBy` after a deadline's due time or `dueWithin` before it. */
const autoOrderRule = z
  .strictObject({
    colour: z.enum(['blue', 'yellow', 'red']),
    overdueBy: duration.optional(),
    dueWithin: duration.optional(),
    kinds: z.array(z.enum(AUTO_ORDER_KINDS)).min(1).optional(),
  })
  .refine(
    (r) => (r.overdueBy === undefined) !== (r.dueWithin === undefined),
    rule('one_of', 'a rule names exactly one of overdueBy (after the due time) or dueWithin (before it)'),
  );

const autoOrderRules = z
  .array(autoOrderRule)
  .max(6)
  .refine(
    (rs) => new Set(rs.map((r) => JSON.stringify([r.colour, r.overdueBy, r.dueWithin]))).size === rs.length,
    rule('distinct', 'lists the same colour at the same time twice'),
  );

const stage = z.strictObject({ due: duration.nullable().optional(), ...policy });

const condition = z
  .strictObject({
    riskAtLeast: z.enum(RISK_LEVELS).optional(),
    requiresLegalAuthorization: z.boolean().optional(),
    requiresNationalApproval: z.boolean().optional(),
    kindIn: z.array(z.enum(MATTER_KINDS)).min(1).optional(),
  })
  .refine(
    (c) => Object.keys(c).length > 0,
    rule('non_empty', 'a condition names riskAtLeast, requiresLegalAuthorization, requiresNationalApproval or kindIn'),
  );

const step = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'must be lower-kebab-case, such as leading-unit-review'),
  title: localizedText(200),
  role: z.enum(ROLES.filter((r) => r !== 'admin') as [string, ...string[]]),
  unit: z.enum(AUTHORITIES),
  when: condition.optional(),
  legalAuthorization: z.boolean().default(false),
  due: duration,
});

/**
 * Progress reports: every `every`, or more often for riskier matters. `byRisk` lists a
 * shorter period per risk level reached; each must be shorter than `every` and than the
 * entry of any lower level, or a higher risk would report less often.
 */
const progressReports = z
  .strictObject({
    every: duration.nullable().default(null),
    byRisk: z
      .array(z.strictObject({ riskAtLeast: z.enum(RISK_LEVELS), every: duration }))
      .max(RISK_LEVELS.length)
      .optional(),
    ...policy,
  })
  .superRefine((p, ctx) => {
    const byRisk = [...(p.byRisk ?? [])];
    if (byRisk.length && p.every === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['byRisk'],
        message: 'a risk cadence shortens `every`: set every first',
        params: { rule: 'cadence_without_every' },
      });
      return;
    }
    const rank = (l: (typeof RISK_LEVELS)[number]) => RISK_LEVELS.indexOf(l);
    byRisk.forEach((c, i) => {
      if (byRisk.findIndex((x) => x.riskAtLeast === c.riskAtLeast) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['byRisk', i, 'riskAtLeast'],
          message: `the level "${c.riskAtLeast}" is listed twice`,
          params: { rule: 'unique' },
        });
      }
      const longer = [p.every!, ...byRisk.filter((x) => rank(x.riskAtLeast) < rank(c.riskAtLeast)).map((x) => x.every)];
      if (longer.some((l) => approximateSeconds(c.every) >= approximateSeconds(l))) {
        ctx.addIssue({
          code: 'custom',
          path: ['byRisk', i, 'every'],
          message: 'a riskier matter reports more often: this period must be shorter than `every` and than those of lower levels',
          params: { rule: 'tighter_for_higher_risk' },
        });
      }
    });
  })
  .default({ every: null });

const rubricCriterion = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be lower_snake_case, such as institutional_innovation'),
    title: localizedText(100),
    min: z.int().min(0).max(100).default(1),
    max: z.int().min(1).max(100).default(5),
  })
  .refine((c) => c.min < c.max, { ...rule('range', 'min must be below max'), path: ['max'] });

const evaluationPolicy = z
  .strictObject({
    pool: z.array(z.string().regex(UNIT_CODE_PATTERN, 'must be a unit code such as SZ-DRC')).max(50).default([]),
    rubric: z
      .array(rubricCriterion)
      .min(1)
      .max(12)
      .refine((r) => new Set(r.map((c) => c.key)).size === r.length, rule('unique', 'names the same criterion twice'))
      .default(() => DEFAULT_EVALUATION_POLICY.rubric.map((c) => ({ ...c }))),
  })
  .default(() => ({ pool: [], rubric: DEFAULT_EVALUATION_POLICY.rubric.map((c) => ({ ...c })) }));

const statusRule = z
  .strictObject({
    overdueBy: duration.optional(),
    dueWithin: duration.optional(),
    escalationAtLeast: z.int().min(1).max(9).optional(),
    behindPlanBy: z.number().min(0).max(100).optional(),
    urgeNoticeOpen: z.literal(true).optional(),
  })
  .refine(
    (r) => Object.keys(r).length === 1,
    rule('one_condition', 'a rule names exactly one of overdueBy, dueWithin, escalationAtLeast, behindPlanBy, urgeNoticeOpen'),
  );

const deliveryStatus = z
  .strictObject({ offTrack: z.array(statusRule).max(10), atRisk: z.array(statusRule).max(10) })
  .default(() => structuredClone(DEFAULT_DELIVERY_STATUS_POLICY) as { offTrack: StatusRule[]; atRisk: StatusRule[] });

export const workflowFileSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'must be lower-kebab-case'),
    title: localizedText(200),
    timeZone: timeZone.default('Asia/Shanghai'),
    authorities: z.strictObject({
      ...(Object.fromEntries(
        FIXED_AUTHORITIES.map((a) => [a, z.string().regex(UNIT_CODE_PATTERN, 'must be a unit code such as SZ-CRO')]),
      ) as Record<(typeof FIXED_AUTHORITIES)[number], z.ZodString>),
      // the bodies a `legal_authority` step resolves to, by what the matter adjusts (003 item (14))
      ...(Object.fromEntries(
        LEGAL_AUTHORIZING_BODIES.map((a) => [a, z.string().regex(UNIT_CODE_PATTERN, 'must be a unit code such as NPCSC').optional()]),
      ) as Record<(typeof LEGAL_AUTHORIZING_BODIES)[number], z.ZodOptional<z.ZodString>>),
    }),
    defaults: z.strictObject({ reminders, escalation }),
    stages: z.strictObject(Object.fromEntries(TIMED_STAGES.map((s) => [s, stage])) as Record<(typeof TIMED_STAGES)[number], typeof stage>),
    approval: z.strictObject({ steps: z.array(step).min(1).max(20), ...policy }),
    milestones: z.strictObject(policy).default({}),
    /** Participating units' parts (分工); the milestones' policy when absent. */
    parts: z.strictObject(policy).optional(),
    /** Leaders' instructions (领导批示): the report's time limit when the leader sets none; 15 working days and the milestones' policy when absent. */
    instructions: z.strictObject({ reportWithin: duration.optional(), ...policy }).optional(),
    /** Formal acceptance (签收): the time a unit has to accept what it is given; none is asked for when absent. */
    acceptance: z.strictObject({ within: duration, ...policy }).optional(),
    /** Supervision orders (三色督办单): the time an order gives when the office sets none; 10 working days and the milestones' policy when absent. */
    orders: z.strictObject({ within: duration.optional(), ...policy, auto: autoOrderRules.optional() }).optional(),
    progressReports,
    urgeNotices: z.strictObject({ acknowledgeWithin: duration, ...policy }).default({ acknowledgeWithin: 'P3D' }),
    evaluation: evaluationPolicy,
    deliveryStatus,
    /** Reminders before a time-limited legal authorization lapses; the domain's default when absent. */
    authorizationExpiry: z.strictObject(policy).optional(),
  })
  .superRefine((file, ctx) => {
    const steps = file.approval.steps;
    steps.forEach((s, i) => {
      if (s.unit !== 'legal_authority') return;
      if (!s.legalAuthorization) {
        ctx.addIssue({
          code: 'custom',
          path: ['approval', 'steps', i, 'unit'],
          message: 'the authorizing body decides only the legal authorization step (legalAuthorization: true)',
          params: { rule: 'legal_authority_step' },
        });
      }
      for (const body of LEGAL_AUTHORIZING_BODIES) {
        if (!file.authorities[body]) {
          ctx.addIssue({
            code: 'custom',
            path: ['authorities', body],
            message: `a chain with a legal_authority step maps ${body} to a unit code`,
            params: { rule: 'required' },
          });
        }
      }
    });
    const keys = new Set<string>();
    steps.forEach((s, i) => {
      if (keys.has(s.key))
        ctx.addIssue({
          code: 'custom',
          path: ['approval', 'steps', i, 'key'],
          message: `the key "${s.key}" is used twice`,
          params: { rule: 'unique' },
        });
      keys.add(s.key);
      if (s.legalAuthorization && s.when?.requiresLegalAuthorization !== true) {
        ctx.addIssue({
          code: 'custom',
          path: ['approval', 'steps', i, 'when'],
          message: 'the legal authorization step applies only to matters that require it: add when: { requiresLegalAuthorization: true }',
          params: { rule: 'legal_step_condition' },
        });
      }
    });
    if (!steps.some((s) => !s.when)) {
      ctx.addIssue({
        code: 'custom',
        path: ['approval', 'steps'],
        message: 'at least one step must apply to every matter (have no `when`)',
        params: { rule: 'unconditional_step' },
      });
    }
    if (steps.filter((s) => s.legalAuthorization).length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['approval', 'steps'],
        message:
          'exactly one step must be the legal authorization (legalAuthorization: true), or matters that adjust laws could never start',
        params: { rule: 'one_legal_step' },
      });
    }
  });

export type WorkflowFile = z.infer<typeof workflowFileSchema>;

/** Fills defaults and orders reminders from the earliest (longest before due) to the latest. */
export function normalizeWorkflow(file: WorkflowFile): WorkflowDefinitionBody {
  const fill = (p: { reminders?: DurationSpec[]; escalation?: DeadlinePolicy['escalation'] }): DeadlinePolicy => ({
    reminders: [...(p.reminders ?? file.defaults.reminders)].sort((a, b) => approximateSeconds(b) - approximateSeconds(a)),
    escalation: p.escalation ?? file.defaults.escalation,
  });
  return {
    name: file.name,
    title: file.title,
    timeZone: file.timeZone,
    authorities: file.authorities,
    stages: Object.fromEntries(
      TIMED_STAGES.map((s) => [s, { due: file.stages[s].due ?? null, ...fill(file.stages[s]) }]),
    ) as WorkflowDefinitionBody['stages'],
    approval: {
      ...fill(file.approval),
      steps: file.approval.steps.map((s) => ({ ...s, role: s.role as WorkflowDefinitionBody['approval']['steps'][number]['role'] })),
    },
    milestones: fill(file.milestones),
    ...(file.parts ? { parts: fill(file.parts) } : {}),
    ...(file.instructions
      ? {
          instructions: {
            reportWithin: file.instructions.reportWithin ?? { workingDays: 15 },
            ...fill({
              reminders: file.instructions.reminders ?? file.milestones.reminders,
              escalation: file.instructions.escalation ?? file.milestones.escalation,
            }),
          },
        }
      : {}),
    ...(file.acceptance
      ? {
          acceptance: {
            within: file.acceptance.within,
            ...fill({
              reminders: file.acceptance.reminders ?? file.milestones.reminders,
              escalation: file.acceptance.escalation ?? file.milestones.escalation,
            }),
          },
        }
      : {}),
    ...(file.orders
      ? {
          orders: {
            within: file.orders.within ?? { workingDays: 10 },
            ...(file.orders.auto?.length ? { auto: file.orders.auto } : {}),
            ...fill({
              reminders: file.orders.reminders ?? file.milestones.reminders,
              escalation: file.orders.escalation ?? file.milestones.escalation,
            }),
          },
        }
      : {}),
    progressReports: {
      every: file.progressReports.every,
      ...(file.progressReports.byRisk?.length ? { byRisk: file.progressReports.byRisk } : {}),
      ...fill(file.progressReports),
    },
    urgeNotices: { acknowledgeWithin: file.urgeNotices.acknowledgeWithin, ...fill(file.urgeNotices) },
    evaluation: file.evaluation,
    deliveryStatus: file.deliveryStatus,
    ...(file.authorizationExpiry ? { authorizationExpiry: fill(file.authorizationExpiry) } : {}),
  };
}
