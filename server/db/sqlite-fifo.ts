import "server-only";
import {
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type Kysely,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from "kysely";

/**
 * Kysely's SQLite driver hands out its one connection through a mutex whose waiters all wake
 * on each release and race for it again: one that arrives at the right moment takes it ahead
 * of those already waiting: with 60 concurrent chains of queries, one query was overtaken by
 * 465 others (sqlite-fifo.test.ts). This driver queues callers first come, first served: a
 * release hands the connection straight to the longest waiter, so nobody can cut in.
 */
export class FifoSqliteDriver extends SqliteDriver {
  readonly #waiting: (() => void)[] = [];
  #held = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.#waiting.shift();
    // Still held: the next waiter owns it from here, before anyone else can look.
    if (next) next();
    else this.#held = false;
  }
}

/**
 * Kysely takes no migration lock on SQLite (one connection per process is enough only within one
 * process), so two console processes opening one fresh file could both read "0006 not applied"
 * and both run it: the second failed on "duplicate column name" (seen in a CI dry run of
 * multi-process.test.ts). The migration now runs inside BEGIN IMMEDIATE, which takes the file's
 * write lock: the other processes wait for it (busy_timeout), then find the work done.
 */
class LockingSqliteAdapter extends SqliteAdapter {
  #locked = false;

  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`BEGIN IMMEDIATE`.execute(db);
    this.#locked = true;
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    if (!this.#locked) return;
    this.#locked = false;
    await sql`COMMIT`.execute(db);
  }
}

export class FifoSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new FifoSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
}
