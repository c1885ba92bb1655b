import { Controller, Get, Inject, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '#config';
import { type Actor, type Clock, endOfDay, instantOfWallClock } from '#domain';
import { Bulletins, type Report, Reports, renderDocument } from '#reports';
import { CLOCK } from '#workflow';
import { CurrentActor } from '../auth/auth.decorators.js';
import { apiPath } from '../http/paths.js';
import { badRequest } from '../http/problem.js';
import { DocBody, DocQuery, SerialNumberParam, UuidParam, ZodBody, ZodQuery } from '../http/zod.js';
import * as S from './report.schemas.js';
import { Returns } from '../openapi/returns.js';

type Q<T extends z.ZodType> = z.infer<T>;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The reports a reform office reads — progress, unit scorecard, replication of
 * experience — as JSON, or with `?format=md|html|pdf&lang=zh-CN|en` as a document
 * to open, print or send on. Issued replication reports and bulletins (情况通报) are served as issued.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: Reports,
    private readonly bulletins: Bulletins,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Returns('ProgressReport', { file: true })
  @Get('reports/progress')
  @ApiOperation({
    summary:
      'Progress report: matters by stage and delivery status, on-schedule rate per leading unit, overdue and upcoming deadlines, milestones completed',
  })
  @ApiProduces('application/json', 'text/markdown', 'text/html', 'application/pdf')
  @DocQuery(S.progressQuerySchema)
  async progress(
    @CurrentActor() actor: Actor,
    @ZodQuery(S.progressQuerySchema) q: Q<typeof S.progressQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, await this.reports.progress(actor, q.unitId ?? null, this.period(q)), q);
  }

  @Returns('UnitScorecard', { file: true })
  @Get('reports/scorecard')
  @ApiOperation({
    summary: 'Unit scorecard: per leading unit, matters, on-schedule rate, average days overdue, urge notices answered in time',
  })
  @ApiProduces('application/json', 'text/markdown', 'text/html', 'application/pdf')
  @DocQuery(S.scorecardQuerySchema)
  async scorecard(
    @CurrentActor() actor: Actor,
    @ZodQuery(S.scorecardQuerySchema) q: Q<typeof S.scorecardQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, await this.reports.scorecard(actor, this.period(q)), q);
  }

  @Returns('ReplicationSummary', { array: true })
  @Get('replication-reports')
  @ApiOperation({ summary: 'The issued replication-of-experience reports, by number' })
  list() {
    return this.reports.listReplication();
  }

  @Returns('ReplicationReport', { file: true })
  @Get('replication-reports/draft')
  @ApiOperation({ summary: 'What the next replication report would issue: every experience not issued yet, grouped by policy area' })
  @ApiProduces('application/json', 'text/markdown', 'text/html', 'application/pdf')
  @DocQuery(S.documentQuerySchema)
  async draft(
    @CurrentActor() actor: Actor,
    @ZodQuery(S.documentQuerySchema) q: Q<typeof S.documentQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, await this.reports.replicationDraft(actor), q);
  }

  @Returns('ReplicationReport', { status: 201 })
  @Post('replication-reports')
  @ApiOperation({
    summary: 'Issue the next numbered batch of replicable experiences (reform office); each experience is issued exactly once',
  })
  @DocBody(S.issueReplicationSchema)
  @ApiCreatedResponse({ description: 'The issued report, as stored' })
  async issue(
    @CurrentActor() actor: Actor,
    @ZodBody(S.issueReplicationSchema) body: Q<typeof S.issueReplicationSchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.reports.issueReplication(actor, body.title);
    res.setHeader('Location', apiPath('replication-reports', String(report.number)));
    return report;
  }

  @Returns('ReplicationReport', { file: true })
  @Get('replication-reports/:number')
  @ApiOperation({ summary: 'An issued replication report, exactly as issued' })
  @ApiProduces('application/json', 'text/markdown', 'text/html', 'application/pdf')
  @DocQuery(S.documentQuerySchema)
  async issued(
    @SerialNumberParam('number', 'report') n: number,
    @ZodQuery(S.documentQuerySchema) q: Q<typeof S.documentQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, await this.reports.replication(n), q);
  }

  @Returns('BulletinSummary', { array: true })
  @Get('bulletins')
  @ApiOperation({ summary: 'The issued bulletins (情况通报), by number' })
  listBulletins() {
    return this.bulletins.list();
  }

  @Returns('Bulletin', { file: true })
  @Get('bulletins/draft')
  @ApiOperation({
    summary:
      'What a bulletin of the period would say now (reform office): matters completed, units on schedule, by name the units with overdue deadlines and missed progress reports',
  })
  @ApiProduces('application/json', 'text/markdown', 'text/html', 'application/pdf')
  @DocQuery(S.bulletinDraftQuerySchema)
  async bulletinDraft(
    @CurrentActor() actor: Actor,
    @ZodQuery(S.bulletinDraftQuerySchema) q: Q<typeof S.bulletinDraftQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, await this.bulletins.draft(actor, this.period(q)), q);
  }

  @Returns('Bulletin', { status: 201 })
  @Post('bulletins')
  @ApiOperation({
    summary: 'Issue the next numbered bulletin on a period (reform office): stored as issued, audited, mailed to every unit’s managers',
  })
  @DocBody(S.issueBulletinSchema)
  @ApiCreatedResponse({ description: 'The issued bulletin, as stored' })
  async issueBulletin(
    @CurrentActor() actor: Actor,
    @ZodBody(S.issueBulletinSchema) body: Q<typeof S.issueBulletinSchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const bulletin = await this.bulletins.issue(actor, this.period(body), body.title);
    res.setHeader('Location', apiPath('bulletins', String(bulletin.number)));
    return bulletin;
  }

  @Returns('Bulletin', { file: true })
  @Get('bulletins/:number')
  @ApiOperation({ summary: 'An issued bulletin, exactly as issued' })
  @ApiProduces('application/json', 'text/markdown', 'text/html', 'application/pdf')
  @DocQuery(S.documentQuerySchema)
  async bulletin(
    @SerialNumberParam('number', 'bulletin') n: number,
    @ZodQuery(S.documentQuerySchema) q: Q<typeof S.documentQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.send(res, await this.bulletins.issued(n), q);
  }

  @Returns('DeliveryStatusView')
  @Get('matters/:id/status')
  @ApiTags('matters')
  @ApiOperation({
    summary: "The matter's delivery status now — on_track, at_risk, off_track (green, amber, red) — and the rules that hold",
  })
  @ApiOkResponse({ description: '{ status, reasons: [{ status, rule, subject }] }; status is null once the matter is closed' })
  status(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.reports.matterStatus(actor, id);
  }

  @Returns('MatterTrajectory')
  @Get('matters/:id/trajectory')
  @ApiTags('matters')
  @ApiOperation({ summary: "Each target's reported values against its planned line, and how far behind the latest report is" })
  trajectory(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.reports.matterTrajectory(actor, id);
  }

  /** [from, to): a date is a whole day in the report zone (so `to` is inclusive), an instant is taken as written. */
  private period(q: { from?: string; to?: string }): { from: Date; to: Date } {
    const zone = this.config.reports.timeZone;
    const bound = (v: string, inclusiveEnd: boolean): Date => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(v);
      const [year, month, day] = v.split('-').map(Number);
      // a date as an end covers the whole day: the period ends just after its last millisecond
      return inclusiveEnd
        ? new Date(endOfDay(v, zone).getTime() + 1)
        : instantOfWallClock({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, zone);
    };
    const to = q.to ? bound(q.to, true) : this.clock.now();
    const from = q.from ? bound(q.from, false) : new Date(to.getTime() - 7 * DAY_MS);
    if (from.getTime() >= to.getTime())
      throw badRequest([{ field: 'to', rule: 'after_from', message: 'the period must end after it starts' }]);
    if (to.getTime() - from.getTime() > 3660 * DAY_MS)
      throw badRequest([{ field: 'from', rule: 'period_at_most_10_years', message: 'a report covers at most ten years' }]);
    return { from, to };
  }

  private async send<R extends Report>(
    res: Response,
    report: R,
    q: { format: S.Format; lang: 'zh-CN' | 'en' },
  ): Promise<R | StreamableFile> {
    if (q.format === 'json') return report;
    const doc = await renderDocument(report, q.format, q.lang);
    res.setHeader('X-Report-Checksum', report.checksum);
    return new StreamableFile(doc.body, {
      type: doc.contentType,
      disposition: `inline; filename="${doc.filename}"`,
      length: doc.body.length,
    });
  }
}
