import { Controller, Delete, Get, HttpCode, Patch, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { type Actor, type MatterCommand, hasRole } from '#domain';
import { DeliveryLog } from '#notifications';
import type { MatterFilter, MatterSortKey } from '#persistence';
import { matterListCsv } from '#reports';
import { uuid } from '#validation';
import { Deputies, DraftMatter, MatterReader, type MatterView, RunMatterCommand, type UserView } from '#workflow';
import { CurrentActor, CurrentUser, RequireRoles } from '../auth/auth.decorators.js';
import { DocBody, DocQuery, UuidParam, ZodBody, ZodQuery } from '../http/zod.js';
import { ProblemError, badRequest } from '../http/problem.js';
import { apiPath } from '../http/paths.js';
import { IfMatch, etag, requireVersion, versionRequired } from '../http/version.js';
import { deliveryQuery } from '../users/delivery.schemas.js';
import * as S from './matter.schemas.js';
import { Returns } from '../openapi/returns.js';

type Body<T extends z.ZodType> = z.infer<T>;

/**
 * Authorized matters: create, read, list, and every workflow action. Each action is one
 * command run in one transaction; the response is the matter as it now stands, with
 * its version in the ETag for the next If-Match.
 */
@ApiTags('matters')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The version you last read ("3"); or send "version" in the body' })
@ApiHeader({
  name: 'On-Behalf-Of',
  required: false,
  description:
    '委托代理: the id of the person you stand in for as their deputy in force; the command is checked against their rights and audited as yours on their behalf',
})
@Controller('matters')
export class MattersController {
  constructor(
    private readonly draft: DraftMatter,
    private readonly commands: RunMatterCommand,
    private readonly reader: MatterReader,
    private readonly log: DeliveryLog,
    private readonly deputies: Deputies,
  ) {}

  @Returns('MatterView', { status: 201 })
  @Post()
  @ApiOperation({ summary: 'Draft a matter in a batch, with its plan and first milestones' })
  @DocBody(S.createMatterSchema)
  @ApiCreatedResponse({ description: 'The drafted matter' })
  async create(
    @CurrentActor() actor: Actor,
    @ZodBody(S.createMatterSchema) body: Body<typeof S.createMatterSchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { batchId, workflow, milestones, parts, description, ...plan } = body;
    const matter = await this.draft.execute({
      actor,
      batchId,
      workflow,
      plan: { ...plan, description: description ?? {} },
      milestones: milestones.map(S.toMilestoneInput),
      parts: parts.map(S.toPartInput),
    });
    res.setHeader('ETag', etag(matter.version));
    res.setHeader('Location', apiPath('matters', matter.id));
    return this.reader.view(matter);
  }

  @Returns('MatterPage', { file: true })
  @Get()
  @ApiOperation({
    summary:
      'List the matters you may see: filter by batch, stage, leading unit, overdue, delivery status, free text; paginated and sorted',
    description: 'With format=csv, the whole filtered list as a CSV file in your language (UTF-8 with a byte-order mark, for Excel).',
  })
  @DocQuery(S.listMattersSchema)
  async list(
    @CurrentActor() actor: Actor,
    @CurrentUser() user: UserView,
    @ZodQuery(S.listMattersSchema) q: Body<typeof S.listMattersSchema>,
  ) {
    const csv = q.format === 'csv';
    const descending = q.sort.startsWith('-');
    const filter: MatterFilter = {
      batchId: q.batchId,
      stages: q.stage,
      leadingUnitId: q.leadingUnitId,
      overdue: q.overdue,
      deliveryStatus: q.deliveryStatus,
      q: q.q,
      page: csv ? 1 : q.page,
      pageSize: csv ? S.CSV_EXPORT_LIMIT : q.pageSize,
      sort: q.sort.replace(/^-/, '') as MatterSortKey,
      descending,
    };
    const { items, total } = await this.reader.list(actor, filter);
    if (csv) {
      const body = matterListCsv(items, q.lang ?? user.locale, user.timeZone);
      return new StreamableFile(body, {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="matters.csv"',
        length: body.length,
      });
    }
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  @Returns('MatterView')
  @Get(':id')
  @ApiOperation({ summary: 'Read a matter' })
  @ApiOkResponse({ description: 'The matter, its current approval step and whether it is overdue' })
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) res: Response): Promise<MatterView> {
    const matter = await this.reader.get(actor, id);
    res.setHeader('ETag', etag(matter.version));
    return matter;
  }

  @Returns('MatterView')
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft: any plan field; lists replace the whole list' })
  @DocBody(S.editMatterSchema)
  edit(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.editMatterSchema) b: Body<typeof S.editMatterSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    const { version: _version, ...changes } = b;
    return this.run(a, id, v, b, { type: 'edit', changes }, r);
  }

  @Returns('MatterView')
  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft for approval: resolves the approval chain for this matter' })
  @DocBody(S.versionOnlySchema)
  submit(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.versionOnlySchema) b: Body<typeof S.versionOnlySchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'submit' }, r);
  }

  @Returns('MatterView')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the current approval step (its unit and role only)' })
  @DocBody(S.approveSchema)
  approve(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.approveSchema) b: Body<typeof S.approveSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'approve_step', comment: b.comment, authorization: b.authorization }, r);
  }

  @Returns('MatterView')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject at the current step: back to draft with the comment' })
  @DocBody(S.decisionWithCommentSchema)
  reject(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.decisionWithCommentSchema) b: Body<typeof S.decisionWithCommentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'reject_step', comment: b.comment }, r);
  }

  @Returns('MatterView')
  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return for revision at the current step: back to draft with the comment' })
  @DocBody(S.decisionWithCommentSchema)
  returnForRevision(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.decisionWithCommentSchema) b: Body<typeof S.decisionWithCommentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'return_step', comment: b.comment }, r);
  }

  @Returns('MatterView')
  @Post(':id/start-implementation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start implementation (needs a milestone, and legal authorization where required)' })
  @DocBody(S.versionOnlySchema)
  startImplementation(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.versionOnlySchema) b: Body<typeof S.versionOnlySchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'start_implementation' }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/parts')
  @ApiOperation({ summary: 'Give a participating unit its part (分工): what it delivers, by when, its contact person' })
  @DocBody(S.assignPartSchema)
  assignPart(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.assignPartSchema) b: Body<typeof S.assignPartSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'assign_part', part: S.toPartInput(b) }, r);
  }

  @Returns('MatterView')
  @Patch(':id/parts/:partId')
  @ApiOperation({ summary: "Change an open part's deliverable, due time (its timers are re-planned) or contact person" })
  @DocBody(S.editPartSchema)
  editPart(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('partId') partId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.editPartSchema) b: Body<typeof S.editPartSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'edit_part', partId, deliverable: b.deliverable, due: S.dueSpec(b), contactId: b.contactId }, r);
  }

  @Returns('MatterView')
  @Post(':id/parts/:partId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take back an open part (with a reason once the matter is past its draft)' })
  @DocBody(S.cancelPartSchema)
  cancelPart(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('partId') partId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.cancelPartSchema) b: Body<typeof S.cancelPartSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'remove_part', partId, reason: b.reason }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/parts/:partId/reports')
  @ApiOperation({ summary: 'The participating unit reports on its part (narrative, evidence links), and may mark it done' })
  @DocBody(S.reportPartSchema)
  reportPart(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('partId') partId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.reportPartSchema) b: Body<typeof S.reportPartSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      a,
      id,
      v,
      b,
      { type: 'report_part', partId, narrative: b.narrative, evidenceLinks: b.evidenceLinks, complete: b.complete },
      r,
    );
  }

  @Returns('MatterView')
  @Post(':id/acceptance/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "签收: the leading unit's manager formally accepts the matter, with optional words" })
  @DocBody(S.acceptAssignmentSchema)
  acceptAssignment(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.acceptAssignmentSchema) b: Body<typeof S.acceptAssignmentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'accept_assignment', comment: b.comment }, r);
  }

  @Returns('MatterView')
  @Post(':id/acceptance/return')
  @HttpCode(200)
  @ApiOperation({ summary: "退回: the leading unit's manager returns the matter to the reform office, saying why (the wrong unit)" })
  @DocBody(S.returnAssignmentSchema)
  returnAssignment(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.returnAssignmentSchema) b: Body<typeof S.returnAssignmentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'return_assignment', reason: b.reason }, r);
  }

  @Returns('MatterView')
  @Post(':id/acceptance/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The reform office resolves the matter returned by its unit: kept there (a new acceptance opens) or given to another unit',
  })
  @DocBody(S.resolveAssignmentSchema)
  resolveAssignment(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.resolveAssignmentSchema) b: Body<typeof S.resolveAssignmentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      a,
      id,
      v,
      b,
      {
        type: 'resolve_returned_assignment',
        resolution: b.resolution,
        unitId: b.unitId,
        managerId: b.managerId,
        contactId: b.contactId,
        comment: b.comment,
      },
      r,
    );
  }

  @Returns('MatterView')
  @Post(':id/parts/:partId/acceptance/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "签收: the participating unit's manager formally accepts its part, with optional words" })
  @DocBody(S.acceptAssignmentSchema)
  acceptPartAssignment(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('partId') partId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.acceptAssignmentSchema) b: Body<typeof S.acceptAssignmentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'accept_assignment', partId, comment: b.comment }, r);
  }

  @Returns('MatterView')
  @Post(':id/parts/:partId/acceptance/return')
  @HttpCode(200)
  @ApiOperation({ summary: "退回: the participating unit's manager returns its part to the reform office, saying why (the wrong unit)" })
  @DocBody(S.returnAssignmentSchema)
  returnPartAssignment(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('partId') partId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.returnAssignmentSchema) b: Body<typeof S.returnAssignmentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'return_assignment', partId, reason: b.reason }, r);
  }

  @Returns('MatterView')
  @Post(':id/parts/:partId/acceptance/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The reform office resolves its part returned by its unit: kept there (a new acceptance opens) or given to another unit',
  })
  @DocBody(S.resolveAssignmentSchema)
  resolvePartAssignment(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('partId') partId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.resolveAssignmentSchema) b: Body<typeof S.resolveAssignmentSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      a,
      id,
      v,
      b,
      {
        type: 'resolve_returned_assignment',
        partId,
        resolution: b.resolution,
        unitId: b.unitId,
        managerId: b.managerId,
        contactId: b.contactId,
        comment: b.comment,
      },
      r,
    );
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/instructions')
  @ApiOperation({
    summary:
      "Record a leader's written instruction (领导批示): who, on which day, its words, and the leader's time limit if any (reform office)",
  })
  @DocBody(S.recordInstructionSchema)
  recordInstruction(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.recordInstructionSchema) b: Body<typeof S.recordInstructionSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'record_instruction', instruction: S.toInstructionInput(b) }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/instructions/:instructionId/reports')
  @ApiOperation({ summary: "The leading unit's manager reports how an instruction was carried out (may report again until it is closed)" })
  @DocBody(S.reportInstructionSchema)
  reportInstruction(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('instructionId') instructionId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.reportInstructionSchema) b: Body<typeof S.reportInstructionSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'report_instruction', instructionId, narrative: b.narrative, evidenceLinks: b.evidenceLinks }, r);
  }

  @Returns('MatterView')
  @Post(':id/instructions/:instructionId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close (销号) a reported instruction, with an optional remark (reform office)' })
  @DocBody(S.closeInstructionSchema)
  closeInstruction(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('instructionId') instructionId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.closeInstructionSchema) b: Body<typeof S.closeInstructionSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'close_instruction', instructionId, remark: b.remark }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/milestones')
  @ApiOperation({ summary: 'Add a milestone (draft, approved or in implementation)' })
  @DocBody(S.addMilestoneSchema)
  addMilestone(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.addMilestoneSchema) b: Body<typeof S.addMilestoneSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'add_milestone', milestone: { title: b.title, due: S.dueSpec(b)! } }, r);
  }

  @Returns('MatterView')
  @Patch(':id/milestones/:milestoneId')
  @ApiOperation({ summary: 'Rename or move an open milestone' })
  @DocBody(S.editMilestoneSchema)
  editMilestone(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('milestoneId') milestoneId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.editMilestoneSchema) b: Body<typeof S.editMilestoneSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'edit_milestone', milestoneId, title: b.title, due: S.dueSpec(b) }, r);
  }

  @Returns('MatterView')
  @Delete(':id/milestones/:milestoneId')
  @ApiOperation({ summary: 'Remove a milestone from a draft (If-Match required)' })
  removeMilestone(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('milestoneId') milestoneId: string,
    @IfMatch() v: number | undefined,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, undefined, { type: 'remove_milestone', milestoneId }, r);
  }

  @Returns('MatterView')
  @Post(':id/milestones/:milestoneId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a milestone complete' })
  @DocBody(S.completeMilestoneSchema)
  completeMilestone(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('milestoneId') milestoneId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.completeMilestoneSchema) b: Body<typeof S.completeMilestoneSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'complete_milestone', milestoneId, note: b.note }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/progress')
  @ApiOperation({ summary: 'Report the value of a target as of a date' })
  @DocBody(S.reportProgressSchema)
  reportProgress(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.reportProgressSchema) b: Body<typeof S.reportProgressSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'report_progress', targetId: b.targetId, value: b.value, asOf: b.asOf, note: b.note }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/progress-reports')
  @ApiOperation({
    summary: "File the period's progress report: what was done, problems, next steps, evidence links, values for any numeric targets",
    description:
      'Covers the reporting period open now and meets its deadline (a report filed after it was due is recorded as late); the next period opens when this one was due, shorter for high and critical matters. Refused with 409 progress_report.period_not_started while the next period has not begun.',
  })
  @DocBody(S.fileProgressReportSchema)
  fileProgressReport(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.fileProgressReportSchema) b: Body<typeof S.fileProgressReportSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    const { version: _version, ...report } = b;
    return this.run(a, id, v, b, { type: 'file_progress_report', ...report }, r);
  }

  @Returns('MatterView')
  @Post(':id/risks')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Update the risk register after approval: a new level, risks added, changed or removed (audited)',
    description: 'A rise to high or critical tightens the report cadence from the next period and notifies the reform office.',
  })
  @DocBody(S.updateRisksSchema)
  updateRisks(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.updateRisksSchema) b: Body<typeof S.updateRisksSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'update_risks', riskLevel: b.riskLevel, risks: b.risks, note: b.note }, r);
  }

  @Returns('MatterView')
  @Post(':id/request-evaluation')
  @HttpCode(200)
  @ApiOperation({ summary: 'End implementation early and send the matter to evaluation (reform office)' })
  @DocBody(S.noteSchema)
  requestEvaluation(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.noteSchema) b: Body<typeof S.noteSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'request_evaluation', note: b.note }, r);
  }

  @Returns('MatterView')
  @Post(':id/evaluator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign the evaluator of this round (reform office); never one from the leading unit' })
  @DocBody(S.assignEvaluatorSchema)
  assignEvaluator(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.assignEvaluatorSchema) b: Body<typeof S.assignEvaluatorSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'assign_evaluator', evaluatorId: b.evaluatorId, reason: b.reason }, r);
  }

  @Returns('MatterView')
  @Post(':id/manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Hand the matter to another manager of its leading unit (reform office); its open deadlines and unsent mail follow',
  })
  @DocBody(S.reassignManagerSchema)
  reassignManager(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.reassignManagerSchema) b: Body<typeof S.reassignManagerSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'reassign_manager', managerId: b.managerId, reason: b.reason }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/evaluations')
  @ApiOperation({
    summary: 'Log the evaluation of this round (its assigned evaluator)',
    description:
      'Per target the actual value and evidence, a score per rubric criterion, a narrative and a verdict. replicable closes the matter as replicated and records its experience; needs_adjustment returns it to implementation with the adjustment plan and new deadlines; ineffective closes it with the lessons learned.',
  })
  @DocBody(S.logEvaluationSchema)
  logEvaluation(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.logEvaluationSchema) b: Body<typeof S.logEvaluationSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, S.toLogEvaluation(b), r);
  }

  @Returns('MatterView')
  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw before approval' })
  @DocBody(S.withdrawSchema)
  withdraw(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.withdrawSchema) b: Body<typeof S.withdrawSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'withdraw', reason: b.reason }, r);
  }

  @Returns('MatterView')
  @Post(':id/terminate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate from any open stage, with a reason (reform office)' })
  @DocBody(S.terminateSchema)
  terminate(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.terminateSchema) b: Body<typeof S.terminateSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'terminate', reason: b.reason }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/urge-notices')
  @ApiOperation({ summary: 'Urge the leading unit on an overdue matter (催办; reform office); its manager must acknowledge' })
  @DocBody(S.urgeNoticeSchema)
  sendUrgeNotice(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.urgeNoticeSchema) b: Body<typeof S.urgeNoticeSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'send_urge_notice', message: b.message }, r);
  }

  @Returns('UrgedMatters', { status: 201 })
  @Post('urge-notices')
  @RequireRoles('reform_office')
  @ApiOperation({
    summary: 'Urge several overdue matters at once (批量催办; reform office)',
    description:
      'One message, one urge notice on each matter, each its own audited event with its own acknowledgement. All of them or none: when one matter cannot be urged (unknown, changed since read, not overdue) nothing is written and the problem names it as matters[i].',
  })
  @DocBody(S.bulkUrgeNoticeSchema)
  async sendUrgeNotices(@CurrentActor() a: Actor, @ZodBody(S.bulkUrgeNoticeSchema) b: Body<typeof S.bulkUrgeNoticeSchema>) {
    const matters = await this.commands.executeMany(
      b.matters.map((m) => ({
        actor: a,
        matterId: m.id,
        expectedVersion: m.version,
        command: { type: 'send_urge_notice', message: b.message },
      })),
    );
    return { items: matters.map((m) => ({ id: m.id, code: m.code, version: m.version, noticeId: m.urgeNotices.at(-1)!.id })) };
  }

  @Returns('MatterView')
  @Post(':id/urge-notices/:noticeId/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: "Acknowledge an urge notice (the leading unit's manager)" })
  @DocBody(S.acknowledgeSchema)
  acknowledgeUrgeNotice(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('noticeId') noticeId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.acknowledgeSchema) b: Body<typeof S.acknowledgeSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'acknowledge_urge_notice', noticeId, response: b.response }, r);
  }

  @Returns('MatterView', { status: 201 })
  @Post(':id/supervision-orders')
  @ApiOperation({
    summary:
      'Issue a supervision order (三色督办单: blue, yellow or red) on a matter under way or one of its deadlines: what the unit must do by when (reform office)',
  })
  @DocBody(S.issueOrderSchema)
  issueSupervisionOrder(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.issueOrderSchema) b: Body<typeof S.issueOrderSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'issue_supervision_order', order: S.toOrderInput(b) }, r);
  }

  @Returns('MatterView')
  @Post(':id/supervision-orders/:orderId/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge (签收) a supervision order (a manager of the unit it names), with an optional answer' })
  @DocBody(S.acknowledgeSchema)
  acknowledgeSupervisionOrder(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('orderId') orderId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.acknowledgeSchema) b: Body<typeof S.acknowledgeSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'acknowledge_supervision_order', orderId, response: b.response }, r);
  }

  @Returns('MatterView')
  @Post(':id/supervision-orders/:orderId/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close (销号) an acknowledged supervision order once the matter is back on track, with an optional remark (reform office)',
  })
  @DocBody(S.closeOrderSchema)
  closeSupervisionOrder(
    @CurrentActor() a: Actor,
    @UuidParam('id') id: string,
    @UuidParam('orderId') orderId: string,
    @IfMatch() v: number | undefined,
    @ZodBody(S.closeOrderSchema) b: Body<typeof S.closeOrderSchema>,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(a, id, v, b, { type: 'close_supervision_order', orderId, remark: b.remark }, r);
  }

  @Returns('DeliveryPage')
  @Get(':id/deliveries')
  @ApiOperation({ summary: "The mail this matter caused, newest first (reform office, or the leading unit's managers)" })
  @DocQuery(deliveryQuery)
  async deliveries(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ZodQuery(deliveryQuery) q: z.infer<typeof deliveryQuery>) {
    const matter = await this.reader.get(actor, id);
    if (
      !hasRole(actor, 'reform_office') &&
      !hasRole(actor, 'admin') &&
      !(hasRole(actor, 'manager') && actor.unitId === matter.leadingUnitId)
    ) {
      throw new ProblemError(
        403,
        'deliveries.not_permitted',
        'Not permitted',
        "a matter's mail log is for the reform office and the leading unit's managers",
      );
    }
    return this.log.forMatter(id, q);
  }

  @Returns('MatterActions')
  @Get(':id/actions')
  @ApiOperation({
    summary:
      'What you may do to this matter now, by the same rules the commands obey; actions your role allows but its state holds back come as blocked, with the rule. ' +
      'With On-Behalf-Of, what the person you stand in for may do (403 deputy.not_in_force outside your period)',
  })
  async actions(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: Request) {
    const onBehalfOf = onBehalfOfHeader(req);
    return this.reader.actions(onBehalfOf ? await this.deputies.actingFor(actor, onBehalfOf) : actor, id);
  }

  @Returns('TimelineEntry', { array: true })
  @Get(':id/timeline')
  @ApiOperation({ summary: 'Everything that happened to the matter, in order, from its audit trail' })
  timeline(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.reader.timeline(actor, id);
  }

  @Returns('AuditVerdict')
  @Get(':id/audit/verify')
  @ApiOperation({ summary: "Verify the matter's audit hash chain; names the first broken event" })
  verify(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.reader.verifyAudit(actor, id);
  }

  private async run(
    actor: Actor,
    matterId: string,
    ifMatch: number | undefined,
    body: { version?: number } | undefined,
    command: MatterCommand,
    res: Response,
  ): Promise<MatterView> {
    // no version at all: say which one it is now (reading it checks the caller may see the matter first)
    if (ifMatch === undefined && body?.version === undefined) throw versionRequired((await this.reader.get(actor, matterId)).version);
    const expectedVersion = requireVersion(ifMatch, body?.version);
    const onBehalfOf = onBehalfOfHeader(res.req);
    const matter = await this.commands.execute({ actor, matterId, expectedVersion, command, ...(onBehalfOf ? { onBehalfOf } : {}) });
    res.setHeader('ETag', etag(matter.version));
    return this.reader.view(matter);
  }
}

/** The On-Behalf-Of header: the absent person a deputy acts for, or undefined. */
function onBehalfOfHeader(req: Request): string | undefined {
  const value = req.headers['on-behalf-of'];
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value) || !uuid.safeParse(value.trim()).success)
    throw badRequest([{ field: 'On-Behalf-Of', rule: 'uuid', message: 'must be the id of the person you stand in for' }]);
  return value.trim().toLowerCase();
}
