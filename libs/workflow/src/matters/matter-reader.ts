import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type ChainVerdict,
  type Clock,
  type Matter,
  type MatterActions,
  availableActions,
  canRead,
  currentStep,
  forbidden,
  nextDueAt,
  notFound,
} from '#domain';
import {
  AuditLog,
  Db,
  DeadlineStore,
  DefinitionStore,
  type MatterFilter,
  MatterQueries,
  MatterStore,
  type MatterSummary,
  type ProvisionalDeadline,
} from '#persistence';
import { CLOCK } from '../common/clock.js';

export interface MatterView extends Matter {
  currentStep: ReturnType<typeof currentStep>;
  nextDueAt: string | null;
  overdue: boolean;
  /**
   * Open deadlines counted in working days over a year without holiday data, so on
   * weekends alone (按周末估算): re-planned by themselves once that year's data is added.
   */
  provisionalDeadlines: ProvisionalDeadline[];
  /** The stage's due time (`stageDueAt`) is such an estimate. */
  stageDueProvisional: boolean;
}

export interface TimelineEntry {
  seq: number;
  type: string;
  occurredAt: string;
  actor: { id: string; displayName: string; unitId: string } | null;
  payload: unknown;
  hash: string;
}

/** What a person may read of matters: one, a filtered page, its timeline, its audit verdict. */
@Injectable()
export class MatterReader {
  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly queries: MatterQueries,
    private readonly audit: AuditLog,
    private readonly definitions: DefinitionStore,
    private readonly deadlines: DeadlineStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(actor: Actor, id: string): Promise<MatterView> {
    return this.view(await this.visible(actor, id));
  }

  /** A matter as the API shows it: its state with the current step and whether it is overdue. */
  async view(m: Matter): Promise<MatterView> {
    const due = nextDueAt(m);
    const provisional = await this.deadlines.provisionalOf(this.db, m.id);
    return {
      ...m,
      currentStep: currentStep(m),
      nextDueAt: due,
      overdue: due !== null && due < this.clock.now().toISOString(),
      provisionalDeadlines: provisional,
      stageDueProvisional: provisional.some((d) => d.key === `stage:${m.stage}:${m.stageEnteredAt}`),
    };
  }

  async list(actor: Actor, filter: MatterFilter): Promise<{ items: MatterSummary[]; total: number }> {
    return this.queries.list(this.db, actor, filter, this.clock.now());
  }

  async timeline(actor: Actor, id: string): Promise<TimelineEntry[]> {
    await this.visible(actor, id);
    const events = await this.audit.read(this.db, 'matter', id);
    const actorIds = [...new Set(events.map((e) => e.body.actorId).filter((x): x is string => !!x))];
    const users = actorIds.length
      ? await this.db.query<{ id: string; display_name: string; unit_id: string }>(
          'SELECT id, display_name, unit_id FROM users WHERE id = ANY($1::uuid[])',
          [actorIds],
        )
      : [];
    const byId = new Map(users.map((u) => [u.id, { id: u.id, displayName: u.display_name, unitId: u.unit_id }]));
    return events.map((e) => ({
      seq: e.body.seq,
      type: e.body.type,
      occurredAt: e.body.occurredAt,
      actor: e.body.actorId ? (byId.get(e.body.actorId) ?? null) : null,
      payload: e.body.payload,
      hash: e.hash,
    }));
  }

  /** What this person may do to the matter now, by the domain's rules, with the version they are offered against. */
  async actions(actor: Actor, id: string): Promise<MatterActions & { version: number }> {
    const m = await this.visible(actor, id);
    const definition = await this.definitions.get(this.db, m.workflow.definitionId);
    return { version: m.version, ...availableActions(actor, m, definition.body, this.clock.now()) };
  }

  async verifyAudit(actor: Actor, id: string): Promise<ChainVerdict> {
    await this.visible(actor, id);
    return this.audit.verify(this.db, 'matter', id);
  }

  private async visible(actor: Actor, id: string): Promise<Matter> {
    const m = await this.matters.load(this.db, id);
    if (!m) throw notFound('matter.unknown', 'no matter has this id', 'id');
    if (!canRead(actor, m)) throw forbidden('matter.not_permitted', 'you may not see this matter: it belongs to another unit');
    return m;
  }
}
