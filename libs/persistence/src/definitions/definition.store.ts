import { Injectable } from '@nestjs/common';
import { type WorkflowDefinition, type WorkflowDefinitionBody, withPolicyDefaults } from '#domain';
import type { Db, Tx } from '../db.js';

export interface DefinitionSource {
  file: string;
  body: WorkflowDefinitionBody;
  checksum: string;
}

export interface SyncedDefinition {
  name: string;
  version: number;
  id: string;
  added: boolean;
}

type Row = { id: string; name: string; version: number; checksum: string; body: WorkflowDefinitionBody };
const toDefinition = (r: Row): WorkflowDefinition => ({ id: r.id, name: r.name, version: r.version, body: withPolicyDefaults(r.body) });

/**
 * Stored versions of workflow definitions. A version never changes once stored, so
 * reads by id are cached for the life of the process.
 */
@Injectable()
export class DefinitionStore {
  private readonly byId = new Map<string, WorkflowDefinition>();

  /**
   * Stores each loaded definition whose content differs from its latest version as the
   * next version. Runs under an advisory lock so processes starting together agree.
   */
  async sync(db: Db, sources: readonly DefinitionSource[]): Promise<SyncedDefinition[]> {
    return db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('workflow_definitions'))`);
      const out: SyncedDefinition[] = [];
      for (const s of sources) {
        const [latest] = await tx.query<Row>(
          'SELECT id, name, version, checksum, body FROM workflow_definitions WHERE name = $1 ORDER BY version DESC LIMIT 1',
          [s.body.name],
        );
        if (latest && latest.checksum === s.checksum) {
          out.push({ name: latest.name, version: latest.version, id: latest.id, added: false });
          continue;
        }
        const version = (latest?.version ?? 0) + 1;
        const [row] = await tx.query<{ id: string }>(
          'INSERT INTO workflow_definitions (name, version, checksum, body, source_file) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id',
          [s.body.name, version, s.checksum, JSON.stringify(s.body), s.file],
        );
        out.push({ name: s.body.name, version, id: row.id, added: true });
      }
      return out;
    });
  }

  async latest(tx: Pick<Tx, 'query'>, name: string): Promise<WorkflowDefinition | null> {
    const [row] = await tx.query<Row>(
      'SELECT id, name, version, checksum, body FROM workflow_definitions WHERE name = $1 ORDER BY version DESC LIMIT 1',
      [name],
    );
    if (!row) return null;
    const d = toDefinition(row);
    this.byId.set(d.id, d);
    return d;
  }

  async get(tx: Pick<Tx, 'query'>, id: string): Promise<WorkflowDefinition> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const [row] = await tx.query<Row>('SELECT id, name, version, checksum, body FROM workflow_definitions WHERE id = $1', [id]);
    if (!row) throw new Error(`workflow definition ${id} is missing`);
    const d = toDefinition(row);
    this.byId.set(id, d);
    return d;
  }

  async list(tx: Pick<Tx, 'query'>): Promise<Array<WorkflowDefinition & { checksum: string }>> {
    const rows = await tx.query<Row>('SELECT id, name, version, checksum, body FROM workflow_definitions ORDER BY name, version');
    return rows.map((r) => ({ ...toDefinition(r), checksum: r.checksum }));
  }
}
