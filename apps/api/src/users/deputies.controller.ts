import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Actor } from '#domain';
import { instantText, text, uuid } from '#validation';
import { Deputies } from '#workflow';
import { CurrentActor } from '../auth/auth.decorators.js';
import { DocBody, UuidParam, ZodBody } from '../http/zod.js';
import { Returns } from '../openapi/returns.js';

const nameDeputy = z.strictObject({
  deputyId: uuid.describe('A person of the same unit who holds the same roles'),
  startsAt: instantText.describe('From when the deputy stands in (ISO 8601 with offset)'),
  endsAt: instantText.describe('Until when; the period ends by itself then'),
  reason: text(500).describe('Why: 休假, 出差, 学习培训 …'),
  keepCopy: z.boolean().optional().describe('The person away keeps a copy of the mail that goes to the deputy (default true)'),
});
type NameDeputy = z.infer<typeof nameDeputy>;

/**
 * 委托代理: deputies while someone is away. A person names their own; an admin or the reform
 * office names one for anyone. During the period the deputy receives the absent person's tasks
 * and mail and acts for them (the header On-Behalf-Of on a matter command).
 */
@ApiTags('deputies')
@ApiBearerAuth()
@Controller()
export class DeputiesController {
  constructor(private readonly deputies: Deputies) {}

  @Returns('DeputyPeriodView', { array: true })
  @Get('me/deputies')
  @ApiOperation({ summary: 'My deputy periods: who stands in for me, and for whom I stand in (this year and to come)' })
  mine(@CurrentActor() a: Actor) {
    return this.deputies.list(a, a.userId);
  }

  @Returns('DeputyPeriodView', { status: 201 })
  @Post('me/deputies')
  @ApiOperation({ summary: 'Name my deputy for a period while I am away' })
  @DocBody(nameDeputy)
  nameMine(@CurrentActor() a: Actor, @ZodBody(nameDeputy) b: NameDeputy) {
    return this.deputies.name(a, a.userId, b);
  }

  @Returns('DeputyPeriodView', { array: true })
  @Get('users/:id/deputies')
  @ApiOperation({ summary: "A person's deputy periods (the person, an admin or the reform office)" })
  ofUser(@CurrentActor() a: Actor, @UuidParam('id') id: string) {
    return this.deputies.list(a, id);
  }

  @Returns('DeputyPeriodView', { status: 201 })
  @Post('users/:id/deputies')
  @ApiOperation({ summary: 'Name a deputy for a person who is away (an admin or the reform office)' })
  @DocBody(nameDeputy)
  nameFor(@CurrentActor() a: Actor, @UuidParam('id') id: string, @ZodBody(nameDeputy) b: NameDeputy) {
    return this.deputies.name(a, id, b);
  }

  @Returns('DeputyPeriodView')
  @Post('deputies/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a deputy period now (the person, the deputy, an admin or the reform office)' })
  end(@CurrentActor() a: Actor, @UuidParam('id') id: string) {
    return this.deputies.end(a, id);
  }
}
