import { Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { Actor } from '#domain';
import { ADOPTION_ACTIONS } from '#persistence';
import { localDate, localizedText, text, uuid } from '#validation';
import { AuthorityBatches, RecordAdoption } from '#workflow';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators.js';
import { apiPath } from '../http/paths.js';
import { DocBody, UuidParam, ZodBody } from '../http/zod.js';
import { Returns } from '../openapi/returns.js';

const recordAdoption = z.strictObject({
  authorityUnitId: uuid.describe('The higher authority (a national or provincial unit), e.g. the NDRC'),
  batchNumber: z
    .number()
    .int()
    .positive()
    .max(10_000)
    .describe("The authority's own batch number (第N批), never Reformflow's report number"),
  issuedOn: localDate.nullable().optional().describe("The date of the authority's batch, where known"),
  title: localizedText(300).nullable().optional().describe("The title of the authority's notice, where known"),
  documentNumber: text(100).nullable().optional().describe('Its document number (文号), where known'),
  action: z.enum(ADOPTION_ACTIONS).describe('adopted (采纳) or promoted nationwide (复制推广)'),
  note: text(2000).nullable().optional(),
});

/**
 * Experiences adopted or promoted by a higher authority in that authority's own numbered
 * batches (004: the NDRC promoted 48 Shenzhen experiences "in three batches"). The
 * authority's numbers live apart from Reformflow's replication reports and never meet them.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ExperiencesController {
  constructor(
    private readonly batches: AuthorityBatches,
    private readonly record: RecordAdoption,
  ) {}

  @Returns('AuthorityBatchView', { array: true })
  @Get('authority-batches')
  @ApiOperation({ summary: "Higher authorities' own numbered batches of promoted experiences, by authority and number" })
  list() {
    return this.batches.list();
  }

  @Returns('AdoptionView', { array: true })
  @Get('experiences/:id/adoptions')
  @ApiOperation({ summary: 'Where a higher authority adopted or promoted this experience, by date and batch' })
  adoptions(@UuidParam('id') id: string) {
    return this.batches.adoptionsOf(id);
  }

  @Returns('AdoptionView', { status: 201 })
  @Post('experiences/:id/adoptions')
  @RequireRoles('reform_office')
  @ApiOperation({
    summary: 'Record that a higher authority adopted or promoted this experience in its own numbered batch (reform office)',
    description:
      'The batch (authority, number) is registered when new and completed where it lacked a date, title or document number; a value that contradicts the recorded one is a 409 authority_batch.mismatch. An experience sits in one authority batch once (409 adoption.duplicate). Audited on the batch.',
  })
  @DocBody(recordAdoption)
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @ZodBody(recordAdoption) b: z.infer<typeof recordAdoption>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.record.execute({
      actor,
      experienceId: id,
      action: b.action,
      note: b.note ?? null,
      batch: {
        authorityUnitId: b.authorityUnitId,
        number: b.batchNumber,
        issuedOn: b.issuedOn ?? null,
        title: b.title ?? null,
        documentNumber: b.documentNumber ?? null,
      },
    });
    res.setHeader('Location', apiPath('experiences', id, 'adoptions'));
    return view;
  }
}
