/**
 * The shapes of the files people write: `seeds/units.yaml`, a batch (`seeds/batches/*.yaml`,
 * or a YAML or CSV import), `seeds/demo/users.yaml`. Files name units by code, where the
 * API takes ids; everything else is the API's own building blocks, and the matters they
 * describe are drafted by the same use case and domain rules as `POST /matters`.
 *
 * Optional fields have no defaults here on purpose: a field a file leaves out is one the
 * seed does not manage, so re-seeding leaves a clerk's value for it alone.
 */
import { z } from 'zod';
import { LEGAL_ADJUSTMENT_LEVELS, LIMITS, LOCALES, MATTER_KINDS, RISK_LEVELS, ROLES, UNIT_KINDS } from '#domain';
import {
  basisText,
  batchCode,
  leadingUnitBasis,
  localDate,
  localizedText,
  matterCode,
  riskFields,
  rule,
  targetComparison,
  targetFields,
  text,
  unitCode,
} from '#validation';

/** More matters than any issued list has (the 2024 Opinions hold 79): a bigger file is a mistake. */
export const MAX_MATTERS_PER_FILE = 1_000;

export const unitEntrySchema = z.strictObject({
  code: unitCode,
  name: localizedText(300),
  kind: z.enum(UNIT_KINDS),
  parent: unitCode.nullable().optional(),
  /** Other spellings of the name in the documents; kept in the file for reviewers. */
  aliases: z.array(text(300)).max(20).optional(),
  /** Where the unit appears in the documents; kept in the file for reviewers. */
  sources: z.array(text(300)).max(50).optional(),
});
export type UnitEntry = z.infer<typeof unitEntrySchema>;

export const unitsFileSchema = z.strictObject({ units: z.array(unitEntrySchema).min(1).max(2_000) });

export const batchHeaderSchema = z.strictObject({
  code: batchCode,
  title: localizedText(300),
  issuingAuthority: text(300),
  issuedOn: localDate.nullable().optional(),
  sourceDocument: text(LIMITS.sourceDocument).nullable().optional(),
  workflow: z.string().min(1).max(64).optional(),
  note: text(LIMITS.comment).nullable().optional(),
});
export type BatchHeader = z.infer<typeof batchHeaderSchema>;

/**
 * A value a document reports for the target, with the document's words: recorded by
 * `npm run seed` as a documented reading of the target (not a progress report of a unit).
 */
export const fileReadingSchema = z.strictObject({
  value: z.number().finite(),
  /** The date the value is for, or the latest it can be (the document's date) where the document gives none. */
  asOf: localDate,
  document: text(LIMITS.sourceDocument),
  locator: text(LIMITS.sourceLocator).nullable().optional(),
  excerpt: text(LIMITS.sourceExcerpt),
  note: basisText.nullable().optional(),
});
export type FileReading = z.infer<typeof fileReadingSchema>;

const fileTarget = z.strictObject({
  ...targetFields,
  // a file's target is new: it has no id, and says how it is judged or means at_least
  comparison: targetComparison.default('at_least'),
  source: text(LIMITS.sourceExcerpt).nullable().default(null),
  readings: z.array(fileReadingSchema).max(50).optional(),
});

export const matterEntrySchema = z.strictObject({
  code: matterCode,
  /** Where in the source document: an item or task number, or words such as "item (5)". */
  item: z.union([z.int().min(0).max(10_000), text(LIMITS.sourceLocator)]).optional(),
  /** The document's exact words for the measure; the document is the batch's `sourceDocument`. */
  source: text(LIMITS.sourceExcerpt).nullable().optional(),
  title: localizedText(LIMITS.title),
  description: localizedText(LIMITS.description).optional(),
  kind: z.enum(MATTER_KINDS),
  kindBasis: basisText.nullable().optional(),
  policyArea: text(LIMITS.policyArea),
  leadingUnit: unitCode,
  leadingUnitBasis: leadingUnitBasis.optional(),
  participatingUnits: z
    .array(unitCode)
    .max(LIMITS.participatingUnits)
    .refine((codes) => new Set(codes).size === codes.length, rule('distinct', 'names a unit twice'))
    .optional(),
  requiresLegalAuthorization: z.boolean().optional(),
  legalBasis: basisText.nullable().optional(),
  /** 003 item (14): the law (NPC Standing Committee) or administrative regulation (State Council) it adjusts; only with the flag. */
  legalAdjustment: z
    .strictObject({ level: z.enum(LEGAL_ADJUSTMENT_LEVELS), name: text(300) })
    .nullable()
    .optional(),
  /** A national ministry's, regulator's or court's approval without adjusting a law: not a legal authorization. */
  nationalApproval: z
    .strictObject({ authority: text(300), basis: basisText.nullable().default(null) })
    .nullable()
    .optional(),
  riskLevel: z.enum(RISK_LEVELS),
  targets: z.array(fileTarget).max(LIMITS.targets).optional(),
  risks: z.array(z.strictObject(riskFields)).max(LIMITS.risks).optional(),
  /**
   * 分工: participating units' parts, each a unit code (one of `participatingUnits`), what it
   * delivers and the date it is due (the end of that day in the workflow's time zone).
   */
  parts: z
    .array(z.strictObject({ unit: unitCode, deliverable: localizedText(LIMITS.title), due: localDate }))
    .max(LIMITS.parts)
    .optional(),
});
export type MatterEntry = z.infer<typeof matterEntrySchema>;

/** The whole of a batch file before its matters are checked one by one (so each bad one is reported on its own). */
export const batchFileSchema = z.strictObject({
  batch: z.unknown().refine((v) => v !== undefined, rule('required', 'is required')),
  // the count is checked before this (a file with too many is refused as too large)
  matters: z.array(z.unknown()).optional(),
});

/**
 * `seeds/authority-batches.yaml`: higher authorities' own numbered batches of promoted
 * experiences, as the documents state them (date, title and document number where known).
 */
export const authorityBatchesFileSchema = z.strictObject({
  authorityBatches: z
    .array(
      z.strictObject({
        authority: unitCode,
        number: z.int().min(1).max(10_000),
        issuedOn: localDate.nullable(),
        title: localizedText(300).nullable(),
        documentNumber: text(100).nullable().optional(),
        experienceCount: z.int().min(1).max(10_000).nullable().optional(),
        source: z
          .strictObject({ document: text(LIMITS.sourceDocument), excerpt: text(LIMITS.sourceExcerpt) })
          .nullable()
          .optional(),
      }),
    )
    .max(1_000),
});
export type AuthorityBatchesFile = z.infer<typeof authorityBatchesFileSchema>;

const password = z.string().min(12, 'at least 12 characters').max(200);

export const demoUsersFileSchema = z.strictObject({
  /** Every demo user's password unless the user gives their own. For the demo only. */
  password,
  users: z
    .array(
      z.strictObject({
        email: z.email().max(254),
        displayName: text(200),
        unit: unitCode,
        roles: z
          .array(z.enum(ROLES))
          .min(1)
          .refine((r) => new Set(r).size === r.length, rule('distinct', 'lists a role twice')),
        locale: z.enum(LOCALES).optional(),
        password: password.optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type DemoUsersFile = z.infer<typeof demoUsersFileSchema>;
