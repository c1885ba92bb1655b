import { Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type Actor, LOCALES, ROLES } from '#domain';
import { rule, text, timeZone, uuid } from '#validation';
import { DeliveryLog } from '#notifications';
import { UserAdmin } from '#workflow';
import { deliveryQuery } from './delivery.schemas.js';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators.js';
import { DocBody, DocQuery, UuidParam, ZodBody, ZodQuery } from '../http/zod.js';
import { Returns } from '../openapi/returns.js';

const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, rule('distinct', 'lists a role twice'));
const password = z.string().min(12, 'at least 12 characters').max(200);
const createUser = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  displayName: text(200),
  password,
  roles,
  unitId: uuid,
  locale: z.enum(LOCALES).optional(),
  timeZone: timeZone.optional(),
});
const updateUser = z
  .strictObject({
    displayName: text(200).optional(),
    password: password.optional(),
    roles: roles.optional(),
    unitId: uuid.optional(),
    locale: z.enum(LOCALES).optional(),
    timeZone: timeZone.optional(),
    active: z.boolean().optional(),
    notificationMode: z.enum(['immediate', 'daily_digest']).optional(),
    digestTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time such as 08:30')
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, rule('non_empty', 'change at least one field'));
const listUsers = z.strictObject({ unitId: uuid.optional() });

@ApiTags('users')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UserAdmin,
    private readonly log: DeliveryLog,
  ) {}

  @Returns('UserView', { array: true })
  @Get()
  @ApiOperation({ summary: 'Accounts, optionally of one unit (admin)' })
  @DocQuery(listUsers)
  list(@ZodQuery(listUsers) q: z.infer<typeof listUsers>) {
    return this.users.list(q);
  }

  @Returns('UserView')
  @Get(':id')
  get(@UuidParam('id') id: string) {
    return this.users.get(id);
  }

  @Returns('DeliveryPage')
  @Get(':id/deliveries')
  @ApiOperation({ summary: "A user's mail, newest first (admin)" })
  @DocQuery(deliveryQuery)
  async deliveries(@UuidParam('id') id: string, @ZodQuery(deliveryQuery) q: z.infer<typeof deliveryQuery>) {
    await this.users.get(id); // 404 user.unknown for an id that names no account
    return this.log.forUser(id, q);
  }

  @Returns('UserView', { status: 201 })
  @Post()
  @ApiOperation({ summary: 'Create an account in a unit with its roles (admin)' })
  @DocBody(createUser)
  create(@CurrentActor() actor: Actor, @ZodBody(createUser) body: z.infer<typeof createUser>) {
    return this.users.create(actor, body);
  }

  @Returns('UserView')
  @Patch(':id')
  @ApiOperation({ summary: 'Change roles, unit, language, password, or disable an account (admin)' })
  @DocBody(updateUser)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @ZodBody(updateUser) body: z.infer<typeof updateUser>) {
    return this.users.update(actor, id, body);
  }
}
