import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { UnitChannelAdmin } from '#channels';
import { type Actor, LOCALES } from '#domain';
import { ROBOT_KINDS, type RobotKind } from '#persistence';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators.js';
import { DocBody, DocQuery, EnumParam, UuidParam, ZodBody, ZodQuery } from '../http/zod.js';
import { Returns } from '../openapi/returns.js';
import { deliveryQuery } from '../users/delivery.schemas.js';

const putChannel = z.strictObject({
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'must be a full http(s) URL' })
    .max(1000)
    .optional()
    .describe(
      "The group robot's webhook as its service shows it (企业微信: …/cgi-bin/webhook/send?key=…; 钉钉: …/robot/send?access_token=…); left out, the stored one is kept",
    ),
  secret: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .nullable()
    .optional()
    .describe('钉钉 only: the signing secret (加签, SEC…). Left out, the stored one is kept. Never answered back.'),
  language: z.enum(LOCALES).optional().describe('The language messages to this group are written in (zh-CN by default)'),
  enabled: z.boolean().optional(),
});

/** A unit's group robots (企业微信 / 钉钉): its notifications are posted there too. Reform office and admins. */
@ApiTags('units')
@ApiBearerAuth()
@Controller('units/:id/channels')
@RequireRoles('admin', 'reform_office')
export class UnitChannelsController {
  constructor(private readonly channels: UnitChannelAdmin) {}

  @Returns('UnitChannel', { array: true })
  @Get()
  @ApiOperation({ summary: "A unit's group robots, credentials masked (reform office, admin)" })
  list(@UuidParam('id') id: string) {
    return this.channels.list(id);
  }

  @Returns('UnitChannel')
  @Put(':kind')
  @ApiOperation({ summary: "Set the unit's 企业微信 or 钉钉 group robot (created or replaced; a 钉钉 robot needs its secret)" })
  @DocBody(putChannel)
  put(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @EnumParam('kind', ROBOT_KINDS) kind: RobotKind,
    @ZodBody(putChannel) body: z.infer<typeof putChannel>,
  ) {
    return this.channels.put(actor, id, kind, body);
  }

  @Delete(':kind')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove the unit's robot of this kind; what it was sent stays in the delivery log" })
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @EnumParam('kind', ROBOT_KINDS) kind: RobotKind): Promise<void> {
    await this.channels.remove(actor, id, kind);
  }

  @Returns('ChannelTestQueued', { status: 202 })
  @Post(':kind/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the robot a test message (发送测试消息); its outcome is in the channel delivery log' })
  test(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @EnumParam('kind', ROBOT_KINDS) kind: RobotKind) {
    return this.channels.sendTest(actor, id, kind);
  }

  @Returns('DeliveryPage')
  @Get(':kind/deliveries')
  @ApiOperation({ summary: 'What was posted to this robot, newest first, with its answers' })
  @DocQuery(deliveryQuery)
  deliveries(
    @UuidParam('id') id: string,
    @EnumParam('kind', ROBOT_KINDS) kind: RobotKind,
    @ZodQuery(deliveryQuery) q: z.infer<typeof deliveryQuery>,
  ) {
    return this.channels.deliveries(id, kind, q);
  }
}
