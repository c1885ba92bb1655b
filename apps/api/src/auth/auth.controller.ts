import { Controller, Delete, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '#config';
import { addDuration, parseDuration } from '#domain';
import { InvalidCredentialsError, Login, Sessions, type UserView } from '#workflow';
import { ProblemError } from '../http/problem.js';
import { DocBody, ZodBody } from '../http/zod.js';
import { CurrentSession, CurrentUser, Public } from './auth.decorators.js';
import { clearSessionCookies, setSessionCookies } from './session-cookies.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { Returns } from '../openapi/returns.js';

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
    private readonly sessions: Sessions,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const start = new Date(0);
    this.ttlSeconds = Math.round(addDuration(start, parseDuration(config.auth.jwtTtl), 'UTC').getTime() / 1000);
  }

  @Returns('LoginResponse')
  @Public()
  @UseGuards(SignInThrottle)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token' })
  @DocBody(loginSchema)
  async signIn(
    @ZodBody(loginSchema) body: z.infer<typeof loginSchema>,
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; user: UserView }> {
    const user = await this.login.execute(body.email, body.password).catch(refuseSignIn);
    const accessToken = await this.jwt.signAsync({ sub: user.id }, { expiresIn: this.ttlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds, user };
  }

  @Returns('SessionResponse')
  @Public()
  @UseGuards(SignInThrottle)
  @Post('session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in to the web app: sets an httpOnly session cookie (rf_session) and the CSRF cookie (rf_csrf)',
    description: 'Every later write with this session must carry the X-CSRF-Token header with the value of the rf_csrf cookie.',
  })
  @DocBody(loginSchema)
  async openSession(
    @ZodBody(loginSchema) body: z.infer<typeof loginSchema>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ user: UserView; expiresAt: string }> {
    const { user, session } = await this.sessions
      .signIn(body.email, body.password, { userAgent: req.headers['user-agent'] ?? null, clientAddress: req.ip ?? null })
      .catch(refuseSignIn);
    setSessionCookies(res, this.config, session);
    res.setHeader('Cache-Control', 'no-store');
    return { user, expiresAt: session.expiresAt.toISOString() };
  }

  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out of the web app: ends the session and clears its cookies' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async closeSession(@CurrentSession() sessionId: string | null, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (sessionId) await this.sessions.signOut(sessionId);
    clearSessionCookies(res, this.config);
  }

  @Returns('UserView')
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ description: 'The user, with roles and unit' })
  me(@CurrentUser() user: UserView): UserView {
    return user;
  }
}

function refuseSignIn(e: unknown): never {
  throw e instanceof InvalidCredentialsError ? new ProblemError(401, e.code, 'Not signed in', e.message) : e;
}
