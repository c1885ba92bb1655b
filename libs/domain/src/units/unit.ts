import type { LocalizedText } from '../common/localized-text.js';

export const UNIT_KINDS = ['municipal_bureau', 'district', 'provincial', 'national', 'leading_group', 'reform_office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** A leading or participating body: a bureau, a district, a provincial or national body. */
export interface Unit {
  id: string;
  /** Stable identifier used by seeds, definitions and imports, e.g. `SZ-STIC`. */
  code: string;
  name: LocalizedText;
  kind: UnitKind;
  parentId: string | null;
  /** The head of the unit: receives the second level of escalations for the unit's deadlines. */
  headUserId: string | null;
}

export const UNIT_CODE_PATTERN = /^[A-Z0-9](?:[A-Z0-9-]{0,62}[A-Z0-9])?$/;
