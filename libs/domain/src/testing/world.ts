import { DomainError } from '../common/domain-error.js';
import type { MatterCommand } from '../matters/commands.js';
import { type DecisionContext, decide, draftMatter } from '../matters/decide.js';
import type { MatterEvent } from '../matters/events.js';
import { evolve, evolveAll } from '../matters/evolve.js';
import type { Matter, MatterPlan } from '../matters/matter.js';
import type { Actor } from '../users/actor.js';
import { ACTORS, context, plan } from './fixtures.js';

/** Drives one matter through commands in memory, with a clock the test moves. */
export class World {
  matter: Matter;
  readonly log: MatterEvent[] = [];

  constructor(
    public now = new Date('2026-01-05T01:00:00Z'),
    planOverrides: Partial<MatterPlan> = {},
    by: keyof typeof ACTORS = 'office',
    private readonly ctxOverrides: Partial<DecisionContext> = {},
  ) {
    const drafted = draftMatter({ id: 'm-1', batchId: 'b-1', plan: plan(planOverrides) }, this.ctx(by));
    this.log.push(drafted);
    this.matter = evolve(null, drafted);
  }

  ctx(by: keyof typeof ACTORS | Actor): DecisionContext {
    return context(by, this.now, this.ctxOverrides);
  }

  do(by: keyof typeof ACTORS | Actor, command: MatterCommand): MatterEvent[] {
    const events = decide(this.matter, command, this.ctx(by));
    this.matter = evolveAll(this.matter, events);
    this.log.push(...events);
    return events;
  }

  /** The DomainError a command fails with (fails the test if it succeeds). */
  refuse(by: keyof typeof ACTORS | Actor, command: MatterCommand): DomainError {
    try {
      this.do(by, command);
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error(`expected ${command.type} by ${String(typeof by === 'string' ? by : by.userId)} to be refused`);
  }

  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }

  milestoneId(i = 0): string {
    return this.matter.milestones[i].id;
  }

  /** Draft → approved along the whole chain, with one milestone. */
  approveAll(): void {
    this.do('office', { type: 'add_milestone', milestone: { title: { en: 'Pilot launched' }, due: { in: 'P90D' } } });
    this.do('office', { type: 'submit' });
    while (this.matter.stage === 'in_approval') {
      const step = this.matter.approvalSteps.find((s) => s.round === this.matter.approvalRound && s.status === 'pending')!;
      const approver = Object.values(ACTORS).find((a) => a.unitId === step.unitId && a.roles.includes(step.role))!;
      this.do(approver, { type: 'approve_step' });
    }
  }
}
