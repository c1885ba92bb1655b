import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type Actor, LOCALES } from '#domain';
import { DeliveryLog } from '#notifications';
import { rule, text, timeZone } from '#validation';
import { MyTasks, Sessions, UnitAdmin, UserAdmin, type UserView } from '#workflow';
import { CurrentActor, CurrentSession, CurrentUser } from '../auth/auth.decorators.js';
import { DocBody, DocQuery, ZodBody, ZodQuery } from '../http/zod.js';
import { deliveryQuery } from './delivery.schemas.js';
import { Returns } from '../openapi/returns.js';

const updateMe = z
  .strictObject({
    displayName: text(200).optional(),
    locale: z.enum(LOCALES).optional().describe('Language of the web app and of the mail you receive: zh-CN (default) or en'),
    timeZone: timeZone.optional().describe('Times in your mail and pages are shown in this zone (Asia/Shanghai by default)'),
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

const changePassword = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(12, 'at least 12 characters').max(200),
});

const doneQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** What any signed-in person may do for themselves. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UserAdmin,
    private readonly units: UnitAdmin,
    private readonly sessions: Sessions,
    private readonly tasks: MyTasks,
    private readonly deliveries: DeliveryLog,
  ) {}

  @Returns('MeView')
  @Get()
  @ApiOperation({ summary: 'Who I am: unit, roles, language, time zone, mail preference' })
  me(@CurrentUser() user: UserView) {
    return this.withUnit(user);
  }

  /** The same answer as GET /me (the unit included), so the web app can take it as the new /me. */
  @Returns('MeView')
  @Patch()
  @ApiOperation({ summary: 'My name, language, time zone and mail preference (immediate or a daily digest at a time I choose)' })
  @DocBody(updateMe)
  async update(@CurrentActor() actor: Actor, @ZodBody(updateMe) body: z.infer<typeof updateMe>) {
    return this.withUnit(await this.users.update(actor, actor.userId, body));
  }

  private async withUnit(user: UserView) {
    const unit = await this.units.get(user.unitId);
    return { ...user, unit: { id: unit.id, code: unit.code, name: unit.name } };
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password: the current one must match; my other sessions end' })
  @ApiNoContentResponse({ description: 'Changed' })
  @DocBody(changePassword)
  async changePassword(
    @CurrentActor() actor: Actor,
    @CurrentSession() sessionId: string | null,
    @ZodBody(changePassword) body: z.infer<typeof changePassword>,
  ): Promise<void> {
    await this.sessions.changePassword(actor, sessionId, body.currentPassword, body.newPassword);
  }

  @Returns('TaskList')
  @Get('tasks')
  @ApiOperation({
    summary: '我的待办: everything that awaits me, sorted by due time, with the action each needs and the page that does it',
    description:
      'Approval steps of my unit and role; milestones, progress reports, stage deadlines and urge notices of matters I manage; evaluations assigned to me; for the reform office also matters waiting for an evaluator, overdue deadlines in every unit and mail that failed in the last 14 days. Each kind lists at most 200 items; counts are exact.',
  })
  myTasks(@CurrentActor() actor: Actor) {
    return this.tasks.list(actor);
  }

  @Returns('DonePage')
  @Get('done')
  @ApiOperation({ summary: 'What I did to matters, newest first (from the audit trail)' })
  @DocQuery(doneQuery)
  done(@CurrentActor() actor: Actor, @ZodQuery(doneQuery) q: z.infer<typeof doneQuery>) {
    return this.tasks.done(actor, q.page, q.pageSize);
  }

  @Returns('DeliveryPage')
  @Get('deliveries')
  @ApiOperation({ summary: 'The mail sent to me, newest first, with what became of each' })
  @DocQuery(deliveryQuery)
  myDeliveries(@CurrentActor() actor: Actor, @ZodQuery(deliveryQuery) q: z.infer<typeof deliveryQuery>) {
    return this.deliveries.forUser(actor.userId, q);
  }
}
