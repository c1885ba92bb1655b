import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '#config';
import { addDuration, parseDuration } from '#domain';
import { InvalidCredentialsError, Login, type UserView } from '#workflow';
import { ProblemError } from '../http/problem.js';
import { DocBody, ZodBody } from '../http/zod.js';
import { CurrentUser, Public } from './auth.decorators.js';

const loginSchema = z.strictObject({
  email: z.string().trim().max(254).min(1),
  password: z.string().min(1).max(200),
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly ttlSeconds: number;

  constructor(
    private readonly login: Login,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const start = new Date(0);
    this.ttlSeconds = Math.round(addDuration(start, parseDuration(config.auth.jwtTtl), 'UTC').getTime() / 1000);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token' })
  @DocBody(loginSchema)
  async signIn(
    @ZodBody(loginSchema) body: z.infer<typeof loginSchema>,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; user: UserView }> {
    const user = await this.login.execute(body.email, body.password).catch((e: unknown) => {
      throw e instanceof InvalidCredentialsError ? new ProblemError(401, e.code, 'Not signed in', e.message) : e;
    });
    const accessToken = await this.jwt.signAsync({ sub: user.id }, { expiresIn: this.ttlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds, user };
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ description: 'The user, with roles and unit' })
  me(@CurrentUser() user: UserView): UserView {
    return user;
  }
}
