import type { LocalizedText } from '#domain';
import type { Tx } from '#persistence';

/** What every mail says about its matter: which one, in which batch, led by whom. */
export interface MatterSummary {
  id: string;
  code: string;
  title: LocalizedText;
  batchCode: string;
  batchTitle: LocalizedText;
  leadingUnit: LocalizedText;
  workflowDefinitionId: string;
}

const text = (zh: string | null, en: string | null): LocalizedText => ({ ...(zh ? { zh } : {}), ...(en ? { en } : {}) });

export async function loadMatterSummary(tx: Pick<Tx, 'query'>, matterId: string): Promise<MatterSummary | null> {
  const [r] = await tx.query<Record<string, string | null>>(
    `SELECT m.id, m.code, m.title_zh, m.title_en, m.workflow_definition_id, b.code AS batch_code, b.title_zh AS batch_zh, b.title_en AS batch_en,
            u.name_zh AS unit_zh, u.name_en AS unit_en
     FROM matters m JOIN batches b ON b.id = m.batch_id JOIN units u ON u.id = m.leading_unit_id WHERE m.id = $1`,
    [matterId],
  );
  if (!r) return null;
  return {
    id: r.id!,
    code: r.code!,
    title: text(r.title_zh, r.title_en),
    batchCode: r.batch_code!,
    batchTitle: text(r.batch_zh, r.batch_en),
    leadingUnit: text(r.unit_zh, r.unit_en),
    workflowDefinitionId: r.workflow_definition_id!,
  };
}
