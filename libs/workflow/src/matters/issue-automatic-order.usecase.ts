import { Injectable, Logger } from '@nestjs/common';
import {
  type Actor,
  type AutoOrderRule,
  DomainError,
  type LocalizedText,
  LIMITS,
  ORDER_STAGES,
  autoOrderRequirement,
  openOrders,
} from '#domain';
import { MatterStore, type Tx } from '#persistence';
import { RunMatterCommand } from './run-matter-command.usecase.js';

/** What a rule's timer did: issued its order, found one standing in for it, or found nothing to supervise now. */
export type AutomaticOrderOutcome = 'issued' | 'covered' | 'not_now';

/**
 * The definition's rule issues its order itself (自动督办): a system command in the reform
 * office's name (no user: the order's `issuedBy` is null, the audit's actor null), on the open
 * deadline the timer watched. It stands aside when the matter already has an open order on that
 * deadline of the same colour or a graver one (blue < yellow < red), and when the matter is no
 * longer where orders are issued.
 */
@Injectable()
export class IssueAutomaticOrder {
  private readonly logger = new Logger(IssueAutomaticOrder.name);

  constructor(
    private readonly matters: MatterStore,
    private readonly commands: RunMatterCommand,
  ) {}

  /** In the caller's transaction (the timer's), so the timer is marked fired together with the order, or neither. */
  async execute(
    tx: Tx,
    matterId: string,
    deadlineKey: string,
    subject: LocalizedText,
    rule: AutoOrderRule,
  ): Promise<AutomaticOrderOutcome> {
    const matter = await this.matters.load(tx, matterId);
    if (!matter || !ORDER_STAGES.includes(matter.stage) || matter.supervisionOrders.length >= LIMITS.supervisionOrders) return 'not_now';
    const covered = openOrders(matter).some((o) => o.subjectKey === deadlineKey && GRAVITY[o.colour] >= GRAVITY[rule.colour]);
    if (covered) return 'covered';
    try {
      await this.commands.runIn(tx, {
        actor: RULE_ACTOR,
        matterId,
        expectedVersion: matter.version,
        command: {
          type: 'issue_supervision_order',
          order: { colour: rule.colour, subjectKey: deadlineKey, requirement: autoOrderRequirement(rule, subject) },
        },
      });
      return 'issued';
    } catch (e) {
      // the domain refuses before anything is written (the deadline is no longer the matter's): nothing to supervise
      if (!(e instanceof DomainError)) throw e;
      this.logger.warn(`automatic ${rule.colour} order on ${deadlineKey} of matter ${matterId} not issued: ${e.code}`);
      return 'not_now';
    }
  }
}

const GRAVITY: Record<AutoOrderRule['colour'], number> = { blue: 1, yellow: 2, red: 3 };

/** The definition's rule acts with the reform office's right to issue orders, and as nobody: '' is stored as no actor. */
const RULE_ACTOR: Actor = { userId: '', unitId: '', roles: ['reform_office'] };
