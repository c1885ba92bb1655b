import { z } from 'zod';
import { LEADING_UNIT_BASES, LIKELIHOODS, LIMITS, MATTER_CODE_PATTERN, TARGET_COMPARISONS, UNIT_CODE_PATTERN } from '#domain';
import { localDate, localizedText, text } from './schemas.js';

/**
 * The parts of a matter's plan that the API, the seed files and batch imports all accept,
 * so that no edge takes what another refuses. Each edge wraps them in its own shape
 * (ids over HTTP, unit codes in files).
 */

// the length first and alone: a code too long is "max_length", not a pattern mismatch
export const matterCode = z
  .string()
  .max(LIMITS.code, { abort: true })
  .regex(MATTER_CODE_PATTERN, 'letters, digits, dot, dash or underscore, starting with a letter or digit, at most 64');

export const unitCode = z.string().regex(UNIT_CODE_PATTERN, 'upper-case letters, digits and dashes, such as SZ-STIC');

export const BATCH_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,63}$/;
export const batchCode = z.string().regex(BATCH_CODE_PATTERN, 'upper-case letters, digits and dashes, such as SZ-2024-OPINIONS');

export const targetComparison = z
  .enum(TARGET_COMPARISONS)
  .describe('How the value is judged against targetValue: "over 77%" is above, "at least 77%" at_least (the default)');

export const leadingUnitBasis = z
  .enum(LEADING_UNIT_BASES)
  .describe('Whether the source document names the leading unit (stated, the default) or it was inferred from the subject');

/** A reviewer's reason: why legal authorization, why this kind. */
export const basisText = text(LIMITS.shortText);

export const matterSource = z
  .strictObject({
    document: text(LIMITS.sourceDocument).describe('The source document, as the batch names it'),
    excerpt: text(LIMITS.sourceExcerpt).describe("The document's exact words for the measure"),
    locator: text(LIMITS.sourceLocator).nullable().default(null).describe('Where in the document: "item 5", "task 7"'),
  })
  .describe('Where the matter comes from');

/** The fields every target has, wherever it is written. */
export const targetFields = {
  indicator: localizedText(),
  baseline: z.number().nullable().default(null),
  targetValue: z.number(),
  unit: text(LIMITS.unitLabel),
  byDate: localDate,
  // no defaults: on an edit, a kept target keeps its own comparison and source
  comparison: targetComparison.optional(),
  source: text(LIMITS.sourceExcerpt).nullable().optional().describe("The document's words for the target"),
};

export const riskFields = {
  description: text(LIMITS.shortText),
  likelihood: z.enum(LIKELIHOODS),
  impact: z.enum(LIKELIHOODS),
  mitigation: text(LIMITS.shortText),
};
