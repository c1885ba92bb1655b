import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/**
 * SQL inside one transaction. Repositories take a `Tx` so a use case decides where a
 * transaction begins and ends, and every write of one command commits or fails together.
 */
export interface Tx {
  /** Rows of a statement (SELECT, or anything with RETURNING). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Rows affected by INSERT, UPDATE or DELETE. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /** TypeORM repositories bound to this transaction, for plain entity reads and writes. */
  readonly manager: EntityManager;
  /**
   * Runs `fn` once this transaction has committed (never if it rolls back): for a signal that
   * others may now see what it wrote. The same function registered twice runs once; its errors
   * are logged and swallowed, since the transaction has already succeeded.
   */
  afterCommit(fn: () => void): void;
}

class QueryRunnerTx implements Tx {
  readonly committed = new Set<() => void>();

  constructor(private readonly runner: QueryRunner) {}

  afterCommit(fn: () => void): void {
    this.committed.add(fn);
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(sql, params as unknown[], true);
    return result.records as T[];
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.runner.query(sql, params as unknown[], true);
    return result.affected ?? 0;
  }
}

@Injectable()
export class Db {
  private readonly logger = new Logger(Db.name);
  /** The transaction of the unit of work the current call runs in, if any. */
  private readonly unit = new AsyncLocalStorage<Tx>();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one READ COMMITTED transaction; commits if it returns, rolls back if it throws.
   * Inside `unitOfWork` it joins that transaction instead: the outer call commits or rolls back.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const outer = this.unit.getStore();
    if (outer) return work(outer);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const tx = new QueryRunnerTx(runner);
    try {
      await runner.startTransaction();
      const result = await work(tx);
      await runner.commitTransaction();
      for (const fn of tx.committed) {
        try {
          fn();
        } catch (e) {
          this.logger.warn(`an after-commit signal failed: ${(e as Error).message}`);
        }
      }
      return result;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw e;
    } finally {
      await runner.release();
    }
  }

  /**
   * One transaction around several use cases (an import: a batch and all its matters): each
   * use case's own `transaction` joins it, so all of it commits or none of it does.
   */
  async unitOfWork<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.unit.getStore()) throw new Error('unitOfWork does not nest');
    return this.transaction((tx) => this.unit.run(tx, () => work(tx)));
  }

  /** A single read outside any explicit transaction (for writes, `execute`: TypeORM answers a bare UPDATE with [rows, count]). */
  async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.dataSource.query<T[]>(sql, [...params]);
  }

  /** A single INSERT, UPDATE or DELETE outside any explicit transaction; returns the rows affected. */
  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, [...params], true)).affected ?? 0;
    } finally {
      await runner.release();
    }
  }
}

/** PostgreSQL error fields the edges map to answers (unique violation → 409 and so on). */
export interface PgError {
  code: string;
  constraint?: string;
  detail?: string;
}

export function pgError(e: unknown): PgError | null {
  const err = e as { code?: unknown; driverError?: { code?: unknown } };
  const source = (typeof err?.code === 'string' ? err : err?.driverError) as PgError | undefined;
  return source && typeof source.code === 'string' && /^[0-9A-Z]{5}$/.test(source.code) ? source : null;
}
