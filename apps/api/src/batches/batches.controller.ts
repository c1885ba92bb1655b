import { Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '#config';
import type { Actor } from '#domain';
import { localDate, localizedText, text } from '#validation';
import { BatchAdmin } from '#workflow';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators.js';
import { DocBody, UuidParam, ZodBody } from '../http/zod.js';
import { Returns } from '../openapi/returns.js';

const createBatch = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,63}$/, 'upper-case letters, digits and dashes, such as SZ-2024-OPINIONS'),
  title: localizedText(300),
  issuingAuthority: text(300),
  issuedOn: localDate.nullable().optional(),
  sourceDocument: text(500).nullable().optional(),
  workflow: z.string().max(64).optional(),
});

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchAdmin,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Returns('BatchView', { array: true })
  @Get()
  @ApiOperation({ summary: 'Batches of authorized matters' })
  list() {
    return this.batches.list();
  }

  @Returns('BatchView')
  @Get(':id')
  get(@UuidParam('id') id: string) {
    return this.batches.get(id);
  }

  @Returns('BatchView', { status: 201 })
  @Post()
  @RequireRoles('reform_office', 'admin')
  @ApiOperation({ summary: 'Register a batch as issued (reform office)' })
  @DocBody(createBatch)
  create(@CurrentActor() actor: Actor, @ZodBody(createBatch) body: z.infer<typeof createBatch>) {
    return this.batches.create(actor, body, this.config.workflows.defaultName);
  }
}
