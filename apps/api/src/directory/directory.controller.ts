import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ROLES } from '#domain';
import { uuid } from '#validation';
import { UserAdmin } from '#workflow';
import { DocQuery, ZodQuery } from '../http/zod.js';
import { Returns } from '../openapi/returns.js';

const peopleQuery = z.strictObject({
  role: z.enum(ROLES).optional().describe('Only people with this role (evaluator, manager, …)'),
  unitId: uuid.optional(),
});

/**
 * Who is who, for pickers (the evaluator to assign, the responsible manager): names, units
 * and roles of active accounts, for any signed-in person. No email addresses: those stay
 * with the admins' account list.
 */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly users: UserAdmin) {}

  @Returns('DirectoryPerson', { array: true })
  @Get('users')
  @ApiOperation({ summary: 'Active people, optionally of one role and unit: id, name, unit, roles' })
  @DocQuery(peopleQuery)
  async people(@ZodQuery(peopleQuery) q: z.infer<typeof peopleQuery>) {
    const users = await this.users.list(q.unitId ? { unitId: q.unitId } : {});
    return users
      .filter((u) => u.active && (!q.role || u.roles.includes(q.role)))
      .map((u) => ({ id: u.id, displayName: u.displayName, unitId: u.unitId, roles: u.roles }));
  }
}
