import { Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type Actor, LOCALES } from '#domain';
import { DeliveryLog } from '#notifications';
import { rule, text, timeZone } from '#validation';
import { UserAdmin, type UserView } from '#workflow';
import { CurrentActor, CurrentUser } from '../auth/auth.decorators.js';
import { DocBody, DocQuery, ZodBody, ZodQuery } from '../http/zod.js';
import { deliveryQuery } from './delivery.schemas.js';

const updateMe = z
  .strictObject({
    displayName: text(200).optional(),
    locale: z.enum(LOCALES).optional().describe('Language of the mail you receive: zh-CN (default) or en'),
    timeZone: timeZone.optional().describe('Times in your mail are shown in this zone (Asia/Shanghai by default)'),
    notificationMode: z
      .enum(['immediate', 'daily_digest'])
      .optional()
      .describe('Reminders at once, or gathered into one mail a day; escalations and urge notices always come at once'),
    digestTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time such as 08:30')
      .optional()
      .describe('When your daily digest comes, in your time zone'),
  })
  .refine((b) => Object.keys(b).length > 0, rule('non_empty', 'change at least one field'));

/** What any signed-in person may do for themselves. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UserAdmin,
    private readonly deliveries: DeliveryLog,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who I am: unit, roles, language, time zone, mail preference' })
  me(@CurrentUser() user: UserView): UserView {
    return user;
  }

  @Patch()
  @ApiOperation({ summary: 'My language, time zone and mail preference (immediate or a daily digest at a time I choose)' })
  @DocBody(updateMe)
  update(@CurrentActor() actor: Actor, @ZodBody(updateMe) body: z.infer<typeof updateMe>): Promise<UserView> {
    return this.users.update(actor, actor.userId, body);
  }

  @Get('deliveries')
  @ApiOperation({ summary: 'The mail sent to me, newest first, with what became of each' })
  @DocQuery(deliveryQuery)
  myDeliveries(@CurrentActor() actor: Actor, @ZodQuery(deliveryQuery) q: z.infer<typeof deliveryQuery>) {
    return this.deliveries.forUser(actor.userId, q);
  }
}
