import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type BusinessCalendar,
  type Clock,
  type Matter,
  type MatterEvent,
  type MatterPlan,
  type MilestoneInput,
  type PartInput,
  DomainError,
  decide,
  draftMatter,
  evolve,
  evolveAll,
  unprocessable,
} from '#domain';
import { AuditLog, BatchEntity, Db, DeadlineStore, DefinitionStore, DirectoryStore, MatterStore, Outbox } from '#persistence';
import { CALENDAR } from '../common/calendar.js';
import { CLOCK } from '../common/clock.js';
import { recordMatterEvents } from './record-matter-events.js';
import { syncMatterDeadlines } from './sync-deadlines.js';

export interface DraftMatterInput {
  actor: Actor;
  batchId: string;
  /** A workflow name; the batch's workflow when absent. The matter runs on its latest version, for good. */
  workflow?: string;
  plan: MatterPlan;
  milestones?: MilestoneInput[];
  /** The participating units' parts (分工) the plan gives. */
  parts?: PartInput[];
}

/** Drafts a matter in a batch, with its first milestones, as one transaction. */
@Injectable()
export class DraftMatter {
  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly definitions: DefinitionStore,
    private readonly directory: DirectoryStore,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly deadlines: DeadlineStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  async execute(input: DraftMatterInput): Promise<Matter> {
    return this.db.transaction(async (tx) => {
      const batch = await tx.manager.findOneBy(BatchEntity, { id: input.batchId });
      if (!batch) throw unprocessable('batch.unknown', 'no batch has this id', 'batchId');
      const workflow = input.workflow ?? batch.workflowName;
      const definition = await this.definitions.latest(tx, workflow);
      if (!definition) throw unprocessable('workflow.unknown', `no workflow definition is named "${workflow}"`, 'workflow');
      const refs = await this.directory.load(tx, {
        unitIds: [input.plan.leadingUnitId, ...input.plan.participatingUnitIds],
        userIds: [
          ...(input.plan.managerId ? [input.plan.managerId] : []),
          ...(input.parts ?? []).flatMap((p) => (p.contactId ? [p.contactId] : [])),
        ],
        definition: definition.body,
      });
      const ctx = { actor: input.actor, now: this.clock.now(), definition, ...refs, calendar: this.calendar, newId: randomUUID };
      const drafted = draftMatter({ id: randomUUID(), batchId: batch.id, plan: input.plan }, ctx);
      const events: MatterEvent[] = [drafted];
      let matter = evolve(null, drafted);
      for (const [i, milestone] of (input.milestones ?? []).entries()) {
        const added = withField(() => decide(matter, { type: 'add_milestone', milestone }, ctx), `milestones[${i}]`);
        matter = evolveAll(matter, added);
        events.push(...added);
      }
      for (const [i, part] of (input.parts ?? []).entries()) {
        const added = withField(() => decide(matter, { type: 'assign_part', part }, ctx), `parts[${i}]`);
        matter = evolveAll(matter, added);
        events.push(...added);
      }
      await this.matters.insert(tx, matter, input.actor.userId);
      await recordMatterEvents(tx, this.audit, this.outbox, matter.id, events);
      await syncMatterDeadlines(this.deadlines, tx, matter, definition, this.calendar, ctx.now);
      return matter;
    });
  }
}

/** Roots an error's field under `milestones[i]` or `parts[i]` so the client sees which entry failed. */
function withField<T>(work: () => T, prefix: string): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof DomainError && e.field) throw new DomainError(e.kind, e.code, e.message, `${prefix}.${e.field}`);
    throw e;
  }
}
