import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Actor, type LocalizedText, type MatterPlan, type Stage, type Target, canonicalJson, planOf } from '#domain';
import { BatchEntity, Db, MatterStore, type Tx } from '#persistence';
import {
  AuthorityBatches,
  type BatchChanges,
  BatchAdmin,
  DraftMatter,
  RecordTargetReading,
  RunMatterCommand,
  UnitAdmin,
  type UnitChanges,
} from '#workflow';
import { managedFields, toPlan } from './files/batch-file.js';
import { SeedFileError } from './files/problems.js';
import type { SeedBatch, SeedSet } from './files/seed-set.js';
import { SystemAccount } from './system-account.js';

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

/** A seeded matter that has moved on from draft and differs from its seed: reported, never overwritten. */
export interface Divergence {
  batch: string;
  code: string;
  stage: Stage;
  fields: string[];
}

export interface SeedSummary {
  units: Tally;
  batches: Tally;
  matters: Tally;
  /** Values the documents report for targets (`readings` under a target), recorded once each. */
  readings: Tally;
  /** Higher authorities' own batches (`authority-batches.yaml`). */
  authorityBatches: Tally;
  diverged: Divergence[];
  /** Anything else a person should know: a batch whose workflow the file would change, matters the files no longer list. */
  notes: string[];
}

export interface SeedOptions {
  /**
   * The workflow new batches run on, whatever their files say: the demo seeds the batches
   * under `demo` (durations in seconds). A batch that exists keeps its workflow.
   */
  workflow?: string;
}

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

/**
 * Loads a seed set through the use cases the API uses (UnitAdmin, BatchAdmin, DraftMatter,
 * RunMatterCommand), as the system account, in one transaction. Idempotent by code: units
 * by code, batches by code, matters by batch and code. What a file sets and the database
 * already holds is left alone (no audit event, no new version); a changed file updates a
 * unit, a batch header, or a matter while it is a draft, and reports a matter that has moved on.
 */
@Injectable()
export class SeedLoader {
  private readonly logger = new Logger(SeedLoader.name);

  constructor(
    private readonly db: Db,
    private readonly units: UnitAdmin,
    private readonly batches: BatchAdmin,
    private readonly draft: DraftMatter,
    private readonly commands: RunMatterCommand,
    private readonly matters: MatterStore,
    private readonly system: SystemAccount,
    private readonly readings: RecordTargetReading,
    private readonly authorityBatches: AuthorityBatches,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(set: SeedSet, options: SeedOptions = {}): Promise<SeedSummary> {
    const actor = await this.system.actor();
    return this.db.unitOfWork(async (tx) => {
      const summary: SeedSummary = {
        units: tally(),
        batches: tally(),
        matters: tally(),
        readings: tally(),
        authorityBatches: tally(),
        diverged: [],
        notes: [],
      };
      const unitIds = await this.loadUnits(tx, actor, set, summary.units);
      for (const batch of set.batches) await this.loadBatch(tx, actor, batch, unitIds, summary, options);
      for (const b of set.authorityBatches) {
        const before = await tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM authority_batches WHERE authority_unit_id = $1 AND number = $2',
          [unitIds.get(b.authority), b.number],
        );
        const { changed } = await this.authorityBatches.ensure(tx, actor, {
          authorityUnitId: unitIds.get(b.authority)!,
          number: b.number,
          issuedOn: b.issuedOn,
          title: b.title,
          documentNumber: b.documentNumber ?? null,
          experienceCount: b.experienceCount ?? null,
          source: b.source ?? null,
        });
        summary.authorityBatches[!changed ? 'unchanged' : before[0].n === 0 ? 'created' : 'updated'] += 1;
      }
      this.logger.log(`seeded from ${set.dir}: ${describe(summary)}`);
      return summary;
    });
  }

  private async loadUnits(tx: Tx, actor: Actor, set: SeedSet, count: Tally): Promise<Map<string, string>> {
    const rows = await tx.query<{
      id: string;
      code: string;
      name_zh: string | null;
      name_en: string | null;
      kind: string;
      parent_id: string | null;
    }>('SELECT id, code, name_zh, name_en, kind, parent_id FROM units');
    const existing = new Map(rows.map((r) => [r.code, r]));
    const ids = new Map(rows.map((r) => [r.code, r.id]));
    for (const u of set.units) {
      // set.units lists parents first
      const parentId = u.parent ? ids.get(u.parent)! : null;
      const row = existing.get(u.code);
      if (!row) {
        const created = await this.units.create(actor, { code: u.code, name: u.name, kind: u.kind, parentId });
        ids.set(u.code, created.id);
        count.created += 1;
        continue;
      }
      // a name part the file leaves out is kept: the seed never erases a name the registry has
      const name = text(u.name.zh ?? row.name_zh, u.name.en ?? row.name_en);
      const changes: UnitChanges = {};
      if (!same(name, text(row.name_zh, row.name_en))) changes.name = name;
      if (u.kind !== row.kind) changes.kind = u.kind;
      if (u.parent !== undefined && parentId !== row.parent_id) changes.parentId = parentId;
      if (Object.keys(changes).length === 0) count.unchanged += 1;
      else {
        await this.units.update(actor, row.id, changes);
        count.updated += 1;
      }
    }
    return ids;
  }

  private async loadBatch(
    tx: Tx,
    actor: Actor,
    seed: SeedBatch,
    unitIds: Map<string, string>,
    summary: SeedSummary,
    options: SeedOptions,
  ): Promise<void> {
    const h = options.workflow ? { ...seed.header, workflow: options.workflow } : seed.header;
    let row = await tx.manager.findOneBy(BatchEntity, { code: h.code });
    if (!row) {
      const created = await this.batches.create(actor, h, this.config.workflows.defaultName);
      row = (await tx.manager.findOneBy(BatchEntity, { id: created.id }))!;
      summary.batches.created += 1;
    } else {
      const changes: BatchChanges = {};
      if (!same(text(h.title.zh, h.title.en), text(row.titleZh, row.titleEn))) changes.title = h.title;
      if (h.issuingAuthority !== row.issuingAuthority) changes.issuingAuthority = h.issuingAuthority;
      if (h.issuedOn !== undefined && h.issuedOn !== row.issuedOn) changes.issuedOn = h.issuedOn;
      if (h.sourceDocument !== undefined && h.sourceDocument !== row.sourceDocument) changes.sourceDocument = h.sourceDocument;
      if (h.note !== undefined && h.note !== row.note) changes.note = h.note;
      if (Object.keys(changes).length === 0) summary.batches.unchanged += 1;
      else {
        await this.batches.update(actor, row.id, changes);
        summary.batches.updated += 1;
      }
      const workflow = h.workflow ?? this.config.workflows.defaultName;
      if (workflow !== row.workflowName) {
        summary.notes.push(
          `${seed.file}: batch ${h.code} runs on workflow ${row.workflowName}; the file says ${workflow}, and a batch's workflow does not change`,
        );
      }
    }
    const batchId = row.id;
    const sourceDocument = row.sourceDocument;
    const present = await tx.query<{ id: string; code: string }>('SELECT id, code FROM matters WHERE batch_id = $1', [batchId]);
    const idOf = new Map(present.map((m) => [m.code, m.id]));

    for (const r of seed.rows) {
      const planned = toPlan(r, unitIds, sourceDocument);
      if (!planned.ok) throw new SeedFileError(seed.file, planned.problems);
      const plan = planned.plan;
      const id = idOf.get(plan.code);
      idOf.delete(plan.code);
      if (!id) {
        const drafted = await this.draft.execute({ actor, batchId, plan });
        summary.matters.created += 1;
        await this.loadReadings(actor, drafted.id, r, summary.readings);
        continue;
      }
      await this.loadReadings(actor, id, r, summary.readings);
      const m = (await this.matters.load(tx, id))!;
      const current = planOf(m);
      const changed = managedFields(r.entry).filter((f) => !samePlanValue(f, plan[f], current[f]));
      if (changed.length === 0) summary.matters.unchanged += 1;
      else if (m.stage !== 'draft') summary.diverged.push({ batch: h.code, code: plan.code, stage: m.stage, fields: changed });
      else {
        const changes: Partial<MatterPlan> = {};
        for (const f of changed) Object.assign(changes, { [f]: f === 'targets' ? keepIds(plan.targets, m.targets) : plan[f] });
        await this.commands.execute({ actor, matterId: m.id, expectedVersion: m.version, command: { type: 'edit', changes } });
        summary.matters.updated += 1;
      }
    }
    if (idOf.size > 0) {
      summary.notes.push(
        `batch ${h.code} holds ${idOf.size} matter(s) that ${seed.file} does not list (left as they are): ${[...idOf.keys()].sort().join(', ')}`,
      );
    }
  }

  /** The documents' readings of the entry's targets, by the target's place in the plan. */
  private async loadReadings(actor: Actor, matterId: string, row: SeedBatch['rows'][number], count: Tally): Promise<void> {
    for (const [position, t] of (row.entry.targets ?? []).entries()) {
      for (const reading of t.readings ?? []) {
        const { created } = await this.readings.execute(actor, {
          matterId,
          targetPosition: position,
          value: reading.value,
          asOf: reading.asOf,
          source: { document: reading.document, excerpt: reading.excerpt, locator: reading.locator ?? null },
          note: reading.note ?? null,
        });
        count[created ? 'created' : 'unchanged'] += 1;
      }
    }
  }
}

function text(zh: string | null | undefined, en: string | null | undefined): LocalizedText {
  return { ...(zh ? { zh } : {}), ...(en ? { en } : {}) };
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Plan values compared as the seed means them: targets and risks without their ids, text without empty parts. */
function samePlanValue(field: keyof MatterPlan, a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (field === 'title' || field === 'description') return text((v as LocalizedText)?.zh, (v as LocalizedText)?.en);
    if (field === 'targets') {
      return (v as MatterPlan['targets']).map((t) => ({
        indicator: text(t.indicator.zh, t.indicator.en),
        baseline: t.baseline,
        targetValue: t.targetValue,
        unit: t.unit,
        byDate: t.byDate,
        comparison: t.comparison ?? 'at_least',
        source: t.source ?? null,
      }));
    }
    if (field === 'risks') return (v as MatterPlan['risks']).map(({ id: _id, ...r }) => r);
    return v ?? null;
  };
  return same(norm(a), norm(b));
}

/** The file's targets, keeping the ids of the matter's targets in the same places (progress reports refer to them). */
function keepIds(targets: MatterPlan['targets'], existing: Target[]): MatterPlan['targets'] {
  return targets.map((t, i) => (existing[i] ? { ...t, id: existing[i].id } : t));
}

export function describe(s: SeedSummary): string {
  const t = (name: string, c: Tally) => `${name} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
  return [
    t('units', s.units),
    t('batches', s.batches),
    t('matters', s.matters),
    t('readings', s.readings),
    t('authority batches', s.authorityBatches),
    `${s.diverged.length} diverged`,
  ].join('; ');
}
