import { Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type Actor, UNIT_CODE_PATTERN, UNIT_KINDS } from '#domain';
import { localizedText, rule, uuid } from '#validation';
import { UnitAdmin } from '#workflow';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators.js';
import { DocBody, UuidParam, ZodBody } from '../http/zod.js';
import { Returns } from '../openapi/returns.js';

const code = z.string().regex(UNIT_CODE_PATTERN, 'upper-case letters, digits and dashes, such as SZ-STIC');
const createUnit = z.strictObject({ code, name: localizedText(300), kind: z.enum(UNIT_KINDS), parentId: uuid.nullable().optional() });
const updateUnit = z
  .strictObject({
    code: code.optional(),
    name: localizedText(300).optional(),
    kind: z.enum(UNIT_KINDS).optional(),
    parentId: uuid.nullable().optional(),
    headUserId: uuid
      .nullable()
      .optional()
      .describe("The unit's head, one of its users: receives level-2 escalations (its managers do when none is named)"),
  })
  .refine((b) => Object.keys(b).length > 0, rule('non_empty', 'change at least one field'));

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitAdmin) {}

  @Returns('Unit', { array: true })
  @Get()
  @ApiOperation({ summary: 'Every unit: bureaus, districts, provincial and national bodies' })
  list() {
    return this.units.list();
  }

  @Returns('Unit')
  @Get(':id')
  get(@UuidParam('id') id: string) {
    return this.units.get(id);
  }

  @Returns('Unit', { status: 201 })
  @Post()
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Register a unit (admin)' })
  @DocBody(createUnit)
  create(@CurrentActor() actor: Actor, @ZodBody(createUnit) body: z.infer<typeof createUnit>) {
    return this.units.create(actor, body);
  }

  @Returns('Unit')
  @Patch(':id')
  @RequireRoles('admin')
  @ApiOperation({ summary: 'Change a unit (admin)' })
  @DocBody(updateUnit)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ZodBody(updateUnit) body: z.infer<typeof updateUnit>) {
    return this.units.update(actor, id, body);
  }
}
