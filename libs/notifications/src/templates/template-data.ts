import type { DeadlineKind, DurationSpec, EscalationTarget, Instant, LocalDate, Locale, LocalizedText, RiskLevel, Verdict } from '#domain';

/**
 * What each mail template receives. The composer fills these from PostgreSQL; the
 * templates (templates/*.hbs, strings in locales/*.json) render them into a subject,
 * a plain-text part and an HTML part, in the recipient's language and time zone.
 * Every field is present: absent values are null, never undefined.
 */
export const TEMPLATE_NAMES = [
  'approval-requested',
  'decision-made',
  'deadline-reminder',
  'deadline-escalation',
  'urge-notice',
  'urge-acknowledgement-request',
  'urge-acknowledged',
  'supervision-order',
  'supervision-order-update',
  'assignment-update',
  'evaluation-requested',
  'evaluator-needed',
  'evaluation-logged',
  'manager-reassigned',
  'risk-raised',
  'replication-report-issued',
  'bulletin-issued',
  'progress-report',
  'report-ready',
  'deadline-changed',
  'delivery-failed',
  'digest',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface Recipient {
  displayName: string;
  locale: Locale;
  /** IANA zone every time in the mail is shown in; Asia/Shanghai by default. */
  timeZone: string;
  /** The web page where they change language, zone and how mail comes; every footer links to it. */
  settingsUrl: string;
  /** 委托代理: the name of the absent person this mail was for, when it reaches them as that person's deputy; null or absent otherwise. */
  onBehalfOf?: string | null;
}

/** Which matter a mail is about, and where to open it. */
export interface MatterRef {
  id: string;
  code: string;
  title: LocalizedText;
  batchCode: string;
  batchTitle: LocalizedText;
  leadingUnit: LocalizedText;
  /** `${PUBLIC_URL}/matters/<id>` */
  url: string;
}

/** One deadline as a mail shows it. */
export interface DeadlineRef {
  kind: DeadlineKind;
  /** What is due: "完成审批", a milestone's title, "报送实施进展" … */
  what: LocalizedText;
  dueAt: Instant;
  /**
   * Counted in working days over a year without holiday data, so on weekends alone: re-planned
   * once the year's data is added. Absent in mail written before it existed: read it with the
   * `provisional` helper, not as a field.
   */
  provisional?: boolean;
}

/** What happens if a deadline is missed: the next escalation level, who it reaches and when. */
export interface IfMissed {
  level: number;
  notify: EscalationTarget[];
  at: Instant;
}

export interface TemplateData {
  'approval-requested': { matter: MatterRef; step: LocalizedText; dueAt: Instant | null; ifMissed: IfMissed | null };
  'decision-made': {
    matter: MatterRef;
    step: LocalizedText;
    decision: 'approved' | 'rejected' | 'returned';
    decidedBy: string;
    comment: string | null;
  };
  /** Before a due time; `offset` is how long before it this reminder goes, as written in the definition ("P7D", "3 working days", "PT0S"). */
  'deadline-reminder': { matter: MatterRef; deadline: DeadlineRef; offset: string; ifMissed: IfMissed | null };
  /** After a missed due time, at one level of the ladder. */
  'deadline-escalation': { matter: MatterRef; deadline: DeadlineRef; level: number; notify: EscalationTarget[]; next: IfMissed | null };
  'urge-notice': {
    matter: MatterRef;
    message: string;
    sentBy: string;
    acknowledgeBy: Instant;
    acknowledgeUrl: string;
    ifMissed: IfMissed | null;
  };
  /** A reminder (or escalation) of an urge notice not yet acknowledged. */
  'urge-acknowledgement-request': {
    matter: MatterRef;
    message: string;
    acknowledgeBy: Instant;
    acknowledgeUrl: string;
    /** null for a reminder before the time limit; the escalation level after it. */
    level: number | null;
    /** Who this escalation level reaches (null for a reminder). */
    notify: EscalationTarget[] | null;
    /** The next level, if this one goes unanswered too. */
    ifMissed: IfMissed | null;
  };
  'urge-acknowledged': { matter: MatterRef; message: string; acknowledgedBy: string; response: string | null };
  /** 三色督办单: to the managers of the unit the order names, when the reform office issues it. */
  'supervision-order': {
    matter: MatterRef;
    colour: 'blue' | 'yellow' | 'red';
    requirement: string;
    /** What the deadline it was issued on asked; null: the matter as a whole. */
    subject: LocalizedText | null;
    issuedBy: string;
    dueAt: Instant;
    acknowledgeUrl: string;
    ifMissed: IfMissed | null;
  };
  /**
   * 三色督办单 answered: to whoever issued it (the reform office when the definition's rule did) once the
   * unit acknowledges it (签收), with the closing (销号) ready; to the unit's managers once the office closes it.
   */
  'supervision-order-update': {
    matter: MatterRef;
    change: 'acknowledged' | 'closed';
    colour: 'blue' | 'yellow' | 'red';
    requirement: string;
    dueAt: Instant;
    /** Who acknowledged or closed it. */
    by: string;
    /** The unit's answer on acknowledging; null when none. */
    response: string | null;
    /** The office's closing remark; null when none or not closed. */
    remark: string | null;
    /** The page with the closing ready, for the acknowledged change; null for the closed one. */
    closeUrl: string | null;
  };
  /**
   * 签收 answered by a return (退回): to the reform office's members once a unit returns the matter or its
   * part, with the resolution ready; once the office resolves it, to the managers of the unit that now holds
   * it (`kept`: the same unit; `transferred`: the new one, and the matter's new manager), with the acceptance
   * ready, and on a transfer to the managers of the unit that returned it (`transferred_away`).
   */
  'assignment-update': {
    matter: MatterRef;
    change: 'returned' | 'kept' | 'transferred' | 'transferred_away';
    /** The part's deliverable (分工任务); null: the matter itself, which the unit was to lead. */
    part: LocalizedText | null;
    /** The unit that returned it. */
    unit: LocalizedText;
    /** Who returned it, for `returned`; the office member who resolved it otherwise. */
    by: string;
    /** Why the unit returned it; null when the return is not found (a resolution only). */
    reason: string | null;
    /** The unit a transfer gave it to; null when returned or kept. */
    toUnit: LocalizedText | null;
    /** The office's resolution; null for `returned`. */
    comment: string | null;
    /** When the new acceptance is due, for `kept` and `transferred`; null otherwise. */
    acceptBy: Instant | null;
    /** The page with the resolution ready (`returned`) or the acceptance (`kept`, `transferred`); null for `transferred_away`. */
    actionUrl: string | null;
  };
  /** To the new and the previous manager: the reform office handed the matter over; its open deadlines follow the new one. */
  'manager-reassigned': {
    matter: MatterRef;
    from: string;
    to: string;
    by: string;
    reason: string;
    deadlines: Array<Pick<DeadlineRef, 'kind' | 'what' | 'dueAt'>>;
  };
  'evaluation-requested': { matter: MatterRef; requestedBy: string; note: string | null; dueAt: Instant | null };
  /** To the reform office: a matter entered evaluation and no pool evaluator outside its leading unit could be assigned. */
  'evaluator-needed': { matter: MatterRef; dueAt: Instant | null };
  'evaluation-logged': { matter: MatterRef; evaluator: string; verdict: Verdict; narrative: string };
  /** To the reform office: a matter's risk level rose to high or critical after approval; `cadence` is its report period from the next one. */
  'risk-raised': {
    matter: MatterRef;
    level: RiskLevel;
    previousLevel: RiskLevel;
    raisedBy: string;
    note: string | null;
    risks: Array<{ description: string; mitigation: string }>;
    cadence: DurationSpec | null;
  };
  'replication-report-issued': { report: { number: number; title: LocalizedText; experiences: number; issuedAt: Instant; url: string } };
  /** 情况通报: every unit's managers and the reform office; `yourUnitNamed` when the reader's unit is named in it. */
  'bulletin-issued': {
    bulletin: {
      number: number;
      title: LocalizedText;
      issuedAt: Instant;
      /** The first and the last day the bulletin covers, in the report zone. */
      from: LocalDate;
      to: LocalDate;
      completed: number;
      overdueUnits: number;
      missingReportUnits: number;
      yourUnitNamed: boolean;
      url: string;
    };
  };
  'progress-report': {
    report: { from: LocalDate; to: LocalDate; unit: LocalizedText | null; matters: number; overdue: number; url: string };
  };
  /** A scheduled report other than the progress report is ready, its files attached. */
  'report-ready': {
    report: {
      kind: 'scorecard' | 'replication-draft';
      title: LocalizedText;
      from: LocalDate;
      to: LocalDate;
      /** Leading units in a scorecard, experiences in a replication draft. */
      count: number;
      url: string;
      /** File names of the attached documents, comma-separated. */
      attachments: string;
    };
  };
  /** A calendar entry sent earlier changed: the deadline moved, was met, or was cancelled. */
  'deadline-changed': { matter: MatterRef; deadline: DeadlineRef; change: 'moved' | 'met' | 'cancelled'; previousDueAt: Instant | null };
  /** To the reform office: a mail could not be delivered and will not be retried. */
  'delivery-failed': { recipientEmail: string; template: string; subject: string; error: string; matter: MatterRef | null };
  /** The day's reminders of one person, grouped by matter. */
  digest: {
    date: LocalDate;
    /** One per matter; a deputy's digest has a group per matter and absent person (`onBehalfOf`, their name), its link acting for them. */
    groups: Array<{ matter: MatterRef; onBehalfOf: string | null; items: Array<{ deadline: DeadlineRef; offset: string }> }>;
  };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
