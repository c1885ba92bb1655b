import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  type BusinessCalendar,
  type Clock,
  type Matter,
  type MatterCommand,
  type MatterCommandType,
  DomainError,
  canRead,
  conflict,
  decide,
  evolveAll,
  forbidden,
  notFound,
} from '#domain';
import {
  AuditLog,
  Db,
  DeadlineStore,
  DefinitionStore,
  DirectoryStore,
  MatterStore,
  DeputyStore,
  Outbox,
  StaleVersionError,
  type Tx,
} from '#persistence';
import { CALENDAR } from '../common/calendar.js';
import { CLOCK } from '../common/clock.js';
import { recordMatterEvents } from './record-matter-events.js';
import { syncMatterDeadlines } from './sync-deadlines.js';

export interface RunMatterCommandInput {
  actor: Actor;
  matterId: string;
  /** The version the client last read; a different current version is a 409. */
  expectedVersion: number;
  command: MatterCommand;
  /** 委托代理: the absent person the actor acts for as their deputy in force; their rights are checked. */
  onBehalfOf?: string;
}

/** Commands whose rules consult units, users or the definition's authorities. */
const NEEDS_DIRECTORY: ReadonlySet<MatterCommandType> = new Set([
  'edit',
  'submit',
  'assign_evaluator',
  'reassign_manager',
  'log_evaluation',
  'assign_part',
  'edit_part',
  // a return given to another unit names it, and for the matter its manager (for a part, perhaps its contact)
  'resolve_returned_assignment',
]);

/** Commands that can move a matter into evaluation, where an evaluator is drawn from the definition's pool. */
const MAY_ENTER_EVALUATION: ReadonlySet<MatterCommandType> = new Set(['complete_milestone', 'request_evaluation']);

/**
 * Any command on an existing matter, as one transaction: load, check the actor may see
 * it, check the version, let the domain decide, write the new state with the version
 * guarded in SQL, append the audit chain and the outbox. All of it or none of it.
 */
@Injectable()
export class RunMatterCommand {
  constructor(
    private readonly db: Db,
    private readonly matters: MatterStore,
    private readonly definitions: DefinitionStore,
    private readonly directory: DirectoryStore,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly deadlines: DeadlineStore,
    private readonly deputies: DeputyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: BusinessCalendar,
  ) {}

  async execute(input: RunMatterCommandInput): Promise<Matter> {
    return this.db.transaction((tx) => this.run(tx, input));
  }

  /** The same, inside a transaction the caller holds (a timer that issues a command with its own writes). */
  async runIn(tx: Tx, input: RunMatterCommandInput): Promise<Matter> {
    return this.run(tx, input);
  }

  /**
   * Several commands as one transaction: every one of them or none. An error names the
   * item at fault (`matters[i].…`, the list as the caller gave it); nothing is written.
   */
  async executeMany(inputs: readonly RunMatterCommandInput[]): Promise<Matter[]> {
    return this.db.transaction(async (tx) => {
      const out: Matter[] = [];
      for (const [i, input] of inputs.entries()) {
        try {
          out.push(await this.run(tx, input));
        } catch (e) {
          throw itemError(e, i);
        }
      }
      return out;
    });
  }

  private async run(tx: Tx, { actor: caller, matterId, expectedVersion, command, onBehalfOf }: RunMatterCommandInput): Promise<Matter> {
    const actor = onBehalfOf ? await this.absentActor(tx, caller, onBehalfOf) : caller;
    const before = await this.matters.load(tx, matterId);
    if (!before) throw notFound('matter.unknown', 'no matter has this id', 'id');
    if (!canRead(actor, before))
      throw forbidden('matter.not_permitted', 'you may not see or act on this matter: it belongs to another unit');
    if (before.version !== expectedVersion) throw new StaleVersionError(matterId, expectedVersion, before.version);
    const definition = await this.definitions.get(tx, before.workflow.definitionId);
    const refs = NEEDS_DIRECTORY.has(command.type)
      ? await this.directory.load(tx, { ...references(before, command), definition: definition.body })
      : { directory: { unit: () => undefined, user: () => undefined }, authorityUnits: {} };
    const evaluatorPool = MAY_ENTER_EVALUATION.has(command.type)
      ? await this.directory.evaluatorPool(tx, definition.body.evaluation.pool)
      : undefined;
    const now = this.clock.now();
    let events = decide(before, command, {
      actor,
      now,
      definition,
      ...refs,
      calendar: this.calendar,
      newId: randomUUID,
      evaluatorPool,
    });
    // a deputy's decision: theirs, on behalf of the absent person whose rights were checked
    if (onBehalfOf) events = events.map((e) => (e.actorId === onBehalfOf ? { ...e, actorId: caller.userId, onBehalfOf } : e));
    const after = evolveAll(before, events);
    await this.matters.update(tx, before, after);
    await recordMatterEvents(tx, this.audit, this.outbox, matterId, events);
    await syncMatterDeadlines(this.deadlines, tx, after, definition, this.calendar, now);
    return after;
  }

  /** The absent person as an actor, when the caller is their deputy in force now; otherwise 403. */
  private async absentActor(tx: Tx, caller: Actor, absentId: string): Promise<Actor> {
    const period = (await this.deputies.inForceFor(tx, [absentId], this.clock.now())).get(absentId);
    if (!period || period.deputyId !== caller.userId)
      throw forbidden('deputy.not_in_force', 'you are not the deputy in force of this person: act in your own name');
    const absent = (await this.directory.users(tx, [absentId])).get(absentId);
    if (!absent) throw forbidden('deputy.not_in_force', 'the person you stand in for is no longer a user');
    return { userId: absent.id, unitId: absent.unitId, roles: absent.roles };
  }
}

/** The error of the i-th command of a list, naming its place: `matters[i].version`, `matters[i].id`, `matters[i].<field>`. */
function itemError(e: unknown, i: number): unknown {
  const at = `matters[${i}]`;
  if (e instanceof StaleVersionError) {
    return conflict(
      'version.stale',
      `${at}: the matter is at version ${e.currentVersion ?? 'unknown'}, not ${e.expectedVersion}: read it again`,
      `${at}.version`,
    );
  }
  if (e instanceof DomainError) {
    const field = e.kind === 'forbidden' || e.kind === 'not_found' ? 'id' : e.field;
    return new DomainError(e.kind, e.code, `${at}: ${e.message}`, field ? `${at}.${field}` : at);
  }
  return e;
}

function references(m: Matter, c: MatterCommand): { unitIds: string[]; userIds: string[] } {
  const unitIds = [m.leadingUnitId, ...m.participatingUnitIds];
  const userIds = m.managerId ? [m.managerId] : [];
  if (c.type === 'edit') {
    if (c.changes.leadingUnitId) unitIds.push(c.changes.leadingUnitId);
    if (c.changes.participatingUnitIds) unitIds.push(...c.changes.participatingUnitIds);
    if (c.changes.managerId) userIds.push(c.changes.managerId);
  }
  if (c.type === 'assign_evaluator') userIds.push(c.evaluatorId);
  if (c.type === 'reassign_manager') userIds.push(c.managerId);
  const contactId = c.type === 'assign_part' ? c.part.contactId : c.type === 'edit_part' ? c.contactId : null;
  if (contactId) userIds.push(contactId);
  if (c.type === 'resolve_returned_assignment') {
    if (c.unitId) unitIds.push(c.unitId);
    if (c.managerId) userIds.push(c.managerId);
    if (c.contactId) userIds.push(c.contactId);
  }
  if (c.type === 'log_evaluation' && c.experience?.contactUnitId) unitIds.push(c.experience.contactUnitId);
  return { unitIds, userIds };
}
