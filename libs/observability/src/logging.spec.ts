import { Writable } from 'node:stream';
import { Body, Controller, Logger, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { createRootLogger, httpLogger, loggingModule, useJsonLogs } from './logging.js';

/** Every line the logger wrote, parsed. */
class Capture extends Writable {
  readonly lines: Array<Record<string, any>> = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line));
    done();
  }
}

@Controller('matters')
class EchoController {
  private readonly logger = new Logger(EchoController.name);
  @Post(':id/approve')
  approve(@Param('id') id: string, @Body() body: { password: string; note: string }) {
    this.logger.log({ user: { password: body.password }, note: body.note }, `approving ${id}`);
    return { ok: true };
  }
}

async function start() {
  const capture = new Capture();
  const logger = createRootLogger({ env: 'production', logLevel: 'log', logFormat: 'json' }, 'spec', capture);
  @Module({ controllers: [EchoController] })
  class Echo {}
  @Module({})
  class Root {}
  const app = await NestFactory.create({ module: Root, imports: [loggingModule(logger), { module: Echo }] }, { bufferLogs: true });
  useJsonLogs(app);
  app.use(httpLogger(logger));
  await app.init();
  return { app, capture, http: request(app.getHttpServer()) };
}

describe('JSON logs (nestjs-pino under jest with ES-module Nest 12)', () => {
  // each test starts a Nest app: under a loaded CI machine that took longer than jest's default 5 s
  it('gives each request an id (kept from X-Request-Id, else made), returns it, and puts it on every line of the request', async () => {
    const { app, capture, http } = await start();
    try {
      const res = await http
        .post('/matters/m-1/approve?token=secret-query')
        .set('X-Request-Id', 'abc-123')
        .send({ password: 'hunter2', note: 'n' });
      expect(res.status).toBe(201);
      expect(res.headers['x-request-id']).toBe('abc-123');
      const mine = capture.lines.filter((l) => l.requestId === 'abc-123');
      expect(mine.map((l) => l.msg)).toEqual(['approving m-1', 'POST /matters/:id/approve 201']);
      expect(mine[0]).toMatchObject({ level: 'info', service: 'spec', context: 'EchoController', user: { password: '[redacted]' } });
      expect(mine[1]).toMatchObject({
        route: '/matters/:id/approve',
        matterId: 'm-1',
        req: { method: 'POST', path: '/matters/m-1/approve' },
        res: { status: 201 },
      });
      const made = await http.post('/matters/m-2/approve').set('X-Request-Id', 'not an id; <script>').send({ password: 'x', note: 'n' });
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const text = capture.lines.map((l) => JSON.stringify(l)).join('\n');
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('secret-query');
    } finally {
      await app.close();
    }
  }, 30_000);
});
