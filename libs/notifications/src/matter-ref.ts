import { type FixedAuthority, type LocalizedText, type MatterCommandType, webPaths } from '#domain';
import type { DefinitionStore, Tx } from '#persistence';
import type { MatterRef } from './templates/template-data.js';

const text = (zh: string | null, en: string | null): LocalizedText => ({ ...(zh ? { zh } : {}), ...(en ? { en } : {}) });

/** Which matter a mail is about, for its templates, and the workflow it runs on. */
export async function loadMatterRef(
  tx: Pick<Tx, 'query'>,
  matterId: string,
  publicUrl: string,
): Promise<{ ref: MatterRef; workflowDefinitionId: string; managerId: string | null; leadingUnitId: string } | null> {
  const [r] = await tx.query<Record<string, string | null>>(
    `SELECT m.id, m.code, m.title_zh, m.title_en, m.workflow_definition_id, m.manager_id, m.leading_unit_id,
            b.code AS batch_code, b.title_zh AS batch_zh, b.title_en AS batch_en, u.name_zh AS unit_zh, u.name_en AS unit_en
     FROM matters m JOIN batches b ON b.id = m.batch_id JOIN units u ON u.id = m.leading_unit_id WHERE m.id = $1`,
    [matterId],
  );
  if (!r) return null;
  return {
    ref: {
      id: r.id!,
      code: r.code!,
      title: text(r.title_zh, r.title_en),
      batchCode: r.batch_code!,
      batchTitle: text(r.batch_zh, r.batch_en),
      leadingUnit: text(r.unit_zh, r.unit_en),
      url: `${publicUrl}${webPaths.matter(r.id!)}`,
    },
    workflowDefinitionId: r.workflow_definition_id!,
    managerId: r.manager_id,
    leadingUnitId: r.leading_unit_id!,
  };
}

/** The units behind a workflow's fixed authorities (the reform office, the leading group …). */
export async function authorityUnitIds(
  tx: Pick<Tx, 'query'>,
  definitions: DefinitionStore,
  definitionId: string,
): Promise<Partial<Record<FixedAuthority, string>>> {
  const definition = await definitions.get(tx, definitionId);
  const codes = definition.body.authorities;
  const rows = await tx.query<{ id: string; code: string }>('SELECT id, code FROM units WHERE code = ANY($1)', [Object.values(codes)]);
  const out: Partial<Record<FixedAuthority, string>> = {};
  for (const [authority, code] of Object.entries(codes) as Array<[FixedAuthority, string]>) {
    const id = rows.find((u) => u.code === code)?.id;
    if (id) out[authority] = id;
  }
  return out;
}

/**
 * The matter with its link pointing at the page that does what the mail asks: the approval
 * request opens the decision, a milestone's reminder its completion (`webPaths`).
 */
export function withAction(matter: MatterRef, action: MatterCommandType | null, subjectId?: string | null): MatterRef {
  if (!action) return matter;
  const base = matter.url.slice(0, matter.url.indexOf(`/matters/${matter.id}`));
  return { ...matter, url: `${base}${webPaths.matter(matter.id, action, subjectId)}` };
}
