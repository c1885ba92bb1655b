import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Actor, type Clock, type LocalizedText, conflict, forbidden, hasRole, localDateAt, notFound, webPaths } from '#domain';
import { DeliveryWriter, managerRecipients, reformOfficeRecipients, resolveRecipients } from '#notifications';
import { AuditLog, BulletinStore, type BulletinSummaryRow, Db, DirectoryStore, type Tx } from '#persistence';
import { CLOCK } from '#workflow';
import { buildBulletin } from './builders/bulletin.js';
import { ReportLoader } from './loaders/report-loader.js';
import { unitRef } from './loaders/rows.js';
import type { Bulletin, ReportPeriod } from './model.js';

export type BulletinSummary = BulletinSummaryRow;

export const DRAFT_BULLETIN_TITLE: LocalizedText = {
  zh: '综合改革试点推进情况通报（待印发）',
  en: 'Comprehensive reform pilot: bulletin (draft)',
};
export const bulletinTitle = (n: number): LocalizedText => ({
  zh: `深圳综合改革试点推进情况通报（第${n}期）`,
  en: `Shenzhen comprehensive reform pilot: bulletin No. ${n}`,
});

/** The audit chain of bulletin n lives under a uuid made from its number (replication reports use 8000-…, bulletins 8001-…). */
export const bulletinAuditId = (n: number): string => `00000000-0000-4000-8001-${n.toString(16).padStart(12, '0')}`;

/**
 * 情况通报: the reform office's numbered bulletins to every unit. Issued by hand (the reform
 * office, on any period) or by the worker on a schedule (`config/report-schedules.yaml`, kind
 * bulletin); stored as issued with its checksum, audited, and mailed to every unit's managers and
 * the reform office. Issued bulletins are read by everyone signed in; the draft and issuing are
 * the reform office's.
 */
@Injectable()
export class Bulletins {
  constructor(
    private readonly db: Db,
    private readonly store: BulletinStore,
    private readonly loader: ReportLoader,
    private readonly audit: AuditLog,
    private readonly deliveries: DeliveryWriter,
    private readonly directory: DirectoryStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What a bulletin of this period would say now, unnumbered. */
  async draft(actor: Actor, period: { from: Date; to: Date }): Promise<Bulletin> {
    this.requireOffice(actor, 'read the draft of a bulletin');
    return this.build(this.db, period, this.clock.now(), { number: null, issuedAt: null, issuedBy: null, title: DRAFT_BULLETIN_TITLE });
  }

  list(): Promise<BulletinSummary[]> {
    return this.store.list(this.db);
  }

  /** An issued bulletin exactly as issued (the stored document, not recomputed). */
  async issued(number: number): Promise<Bulletin> {
    const doc = await this.store.document<Bulletin>(this.db, number);
    if (!doc) throw notFound('bulletin.unknown', `no bulletin has number ${number}`, 'number');
    return doc;
  }

  /** The reform office issues the next bulletin on a period of its choice. */
  async issue(actor: Actor, period: { from: Date; to: Date }, title?: LocalizedText): Promise<Bulletin> {
    this.requireOffice(actor, 'issue a bulletin');
    const bulletin = await this.db.transaction((tx) => this.issueIn(tx, period, { actorId: actor.userId, scheduleKey: null, title }));
    return bulletin!;
  }

  /**
   * The worker's scheduled bulletin of `period`: issued once per schedule and period however many
   * workers tick (null when it was issued already).
   */
  async issueScheduled(scheduleKey: string, period: { from: Date; to: Date }): Promise<Bulletin | null> {
    return this.db.transaction((tx) => this.issueIn(tx, period, { actorId: null, scheduleKey }));
  }

  private async issueIn(
    tx: Tx,
    period: { from: Date; to: Date },
    by: { actorId: string | null; scheduleKey: string | null; title?: LocalizedText },
  ): Promise<Bulletin | null> {
    // one issuer at a time: numbers are consecutive, and a schedule's period is taken once
    await this.store.lockNumbering(tx);
    if (by.scheduleKey !== null && (await this.store.scheduledExists(tx, by.scheduleKey, period.from))) return null;
    const now = this.clock.now();
    const number = await this.store.nextNumber(tx);
    let issuedBy: Bulletin['issuedBy'] = null;
    if (by.actorId !== null) {
      const issuer = await this.directory.issuer(tx, by.actorId);
      if (!issuer) throw conflict('bulletin.issuer_unknown', 'the issuing account no longer exists');
      issuedBy = { name: issuer.displayName, unit: unitRef(issuer.unitId, issuer.unitCode, issuer.unitNameZh, issuer.unitNameEn) };
    }
    const bulletin = await this.build(tx, period, now, {
      number,
      issuedAt: now.toISOString(),
      issuedBy,
      title: by.title ?? bulletinTitle(number),
    });
    await this.store.insert(tx, {
      number,
      title: bulletin.title,
      periodFrom: period.from,
      periodTo: period.to,
      issuedAt: now,
      issuedBy: by.actorId,
      scheduleKey: by.scheduleKey,
      checksum: bulletin.checksum,
      document: bulletin,
    });
    await this.audit.append(tx, 'bulletin', bulletinAuditId(number), [
      {
        type: 'bulletin.issued',
        actorId: by.actorId,
        occurredAt: now.toISOString(),
        payload: {
          number,
          checksum: bulletin.checksum,
          period: bulletin.period,
          scheduleKey: by.scheduleKey,
          overdueUnits: bulletin.overdueUnits.map((u) => u.unit.code),
          missingReportUnits: bulletin.missingReports.map((u) => u.unit.code),
        },
      },
    ]);
    await this.mail(tx, bulletin, number);
    return bulletin;
  }

  private async build(
    tx: Pick<Tx, 'query'>,
    period: { from: Date; to: Date },
    now: Date,
    head: Pick<Bulletin, 'number' | 'issuedAt' | 'issuedBy' | 'title'>,
  ): Promise<Bulletin> {
    const asOf = new Date(Math.min(period.to.getTime(), now.getTime()));
    const facts = await this.loader.facts(tx, {
      unitId: null,
      from: period.from,
      to: period.to,
      asOf,
      upcomingWindowDays: 0,
      completions: true,
    });
    const p: ReportPeriod = { from: period.from.toISOString(), to: period.to.toISOString() };
    return buildBulletin(facts, {
      ...head,
      period: p,
      asOf: asOf.toISOString(),
      generatedAt: now.toISOString(),
      timeZone: this.config.reports.timeZone,
    });
  }

  /** Every unit's managers and the reform office; a unit named in it is told so in its mail. */
  private async mail(tx: Tx, b: Bulletin, n: number): Promise<void> {
    const recipients = new Map([...(await reformOfficeRecipients(tx)), ...(await managerRecipients(tx))].map((r) => [r.userId, r]));
    const namedUnits = [...new Set([...b.overdueUnits.map((u) => u.unit.id), ...b.missingReports.map((u) => u.unit.id)])];
    const named = new Set(
      (
        await resolveRecipients(
          tx,
          namedUnits.map((unitId) => ({ kind: 'unit_role' as const, unitId, role: 'manager' as const })),
        )
      ).map((r) => r.userId),
    );
    await this.deliveries.write(
      tx,
      [...recipients.values()].map((recipient) => ({
        deliveryKey: `bulletin:${n}:${recipient.userId}`,
        matterId: null,
        recipient,
        template: 'bulletin-issued' as const,
        data: {
          bulletin: {
            number: n,
            title: b.title,
            issuedAt: b.issuedAt!,
            from: localDateAt(new Date(b.period.from), b.timeZone),
            // the last day covered: the period's end is exclusive
            to: localDateAt(new Date(Date.parse(b.period.to) - 1), b.timeZone),
            completed: b.summary.completed,
            overdueUnits: b.overdueUnits.length,
            missingReportUnits: b.missingReports.length,
            yourUnitNamed: named.has(recipient.userId),
            url: `${this.config.api.publicUrl}${webPaths.bulletin(n)}`,
          },
        },
        calendar: null,
      })),
    );
  }

  private requireOffice(actor: Actor, what: string): void {
    if (!hasRole(actor, 'reform_office') && !hasRole(actor, 'admin'))
      throw forbidden('report.not_permitted', `only the reform office may ${what}`);
  }
}
