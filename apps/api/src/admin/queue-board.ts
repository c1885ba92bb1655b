import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Express } from 'express';
import { Db } from '#persistence';
import { Queues } from '#queues';
import { Login } from '#workflow';
import { QueueBoardAuth } from './queue-board-auth.js';

export const QUEUE_BOARD_PATH = '/ops/queues';

/**
 * Bull Board at /ops/queues, for admins only: every queue, with retry and remove.
 *
 * Mounted as Express middleware rather than a Nest route, so Nest's guards do not run:
 * the auth middleware and the board are mounted in one call, and nothing reaches the
 * board without passing it. Call before the api's own body parsing: the board parses
 * its own JSON, and a refused request is never parsed at all.
 */
export function mountQueueBoard(app: INestApplication): void {
  const auth = new QueueBoardAuth(app.get(JwtService), app.get(Login), app.get(Db));
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [...app.get(Queues).all.values()].map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Reformflow queues', hideDocsLink: true } },
  });
  const board = serverAdapter.getRouter() as Express;
  board.disable('x-powered-by');
  app.use(QUEUE_BOARD_PATH, auth.middleware, board);
}
