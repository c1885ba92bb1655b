import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { type Actor, FAULT_TOLERANCE_LIMITS } from '#domain';
import { text } from '#validation';
import { MatterReader, type MatterView, RecordFaultTolerance } from '#workflow';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators.js';
import { DocBody, UuidParam, ZodBody } from '../http/zod.js';
import { IfMatch, etag, requireVersion } from '../http/version.js';
import { Returns } from '../openapi/returns.js';

const faultToleranceSchema = z.strictObject({
  version: z.int().min(1).optional().describe('The version you last read (or send it as If-Match: "<version>")'),
  exempted: z.boolean().describe('Exempted under the guidelines (免责): the matter does not count against its leading unit'),
  reason: text(FAULT_TOLERANCE_LIMITS.reason).describe('Why the failure is, or is not, tolerated'),
  basis: text(FAULT_TOLERANCE_LIMITS.basis).describe(
    'The guideline or rule the finding rests on, e.g. 《广东省高等院校和科研机构科技成果转化尽职免责指引》',
  ),
});

/**
 * Fault tolerance (容错纠错; 001: "健全容错纠错机制"; 004: the due-diligence guidelines that
 * exempt good-faith failure): the reform office's finding on a matter closed as ineffective
 * or terminated.
 */
@ApiTags('matters')
@ApiBearerAuth()
@Controller('matters')
export class FaultToleranceController {
  constructor(
    private readonly record: RecordFaultTolerance,
    private readonly reader: MatterReader,
  ) {}

  @Returns('MatterView')
  @Post(':id/fault-tolerance')
  @HttpCode(200)
  @RequireRoles('reform_office')
  @ApiOperation({
    summary: 'Record a fault-tolerance finding (容错认定) on a matter closed as ineffective or terminated (reform office)',
    description:
      'Exempted or not, with the reason and the basis. An exempted matter does not count against its leading unit in the scorecard. A later finding replaces the earlier one; the audit trail keeps both. 409 fault_tolerance.not_applicable on any other matter; If-Match or version required.',
  })
  @DocBody(faultToleranceSchema)
  async create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @IfMatch() v: number | undefined,
    @ZodBody(faultToleranceSchema) b: z.infer<typeof faultToleranceSchema>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MatterView> {
    const matter = await this.record.execute({
      actor,
      matterId: id,
      expectedVersion: requireVersion(v, b.version),
      finding: { exempted: b.exempted, reason: b.reason, basis: b.basis },
    });
    res.setHeader('ETag', etag(matter.version));
    return this.reader.view(matter);
  }
}
