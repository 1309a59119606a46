import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { type CreateConsoleDbOptions, createConsoleDb } from "./open";
import type { ConsoleDb } from "./types";

/**
 * The two backends every data-layer test runs against. PostgreSQL is not
 * optional: when it cannot be reached the tests fail, unless SKIP_PG_TESTS=1
 * says to leave it out on purpose. Each run lives in its own schema (or temp
 * folder) and removes it afterwards.
 */

export interface TestDatabase {
  /** What createConsoleDb was given: lets a child process open the same database. */
  options: CreateConsoleDbOptions;
  /** Opens one more ConsoleDb on the same database: a second console instance. */
  open(): Promise<ConsoleDb>;
  /** Closes every instance opened here and removes the database. */
  cleanup(): Promise<void>;
}

export interface Backend {
  name: "sqlite" | "postgres";
  create(): Promise<TestDatabase>;
}

const PG_CANDIDATES = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ["postgres://root@127.0.0.1:5432/test", "postgres://postgres@127.0.0.1:5432/test"];

let pgUrl: Promise<string> | undefined;
function reachablePostgres(): Promise<string> {
  pgUrl ??= (async () => {
    const failures: string[] = [];
    for (const url of PG_CANDIDATES) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
      try {
        await client.connect();
        await client.query("select 1");
        return url;
      } catch (err) {
        failures.push(`${url}: ${(err as Error).message}`);
      } finally {
        await client.end().catch(() => {});
      }
    }
    throw new Error(
      `PostgreSQL is unreachable (${failures.join("; ")}). Start it, or set SKIP_PG_TESTS=1 to run SQLite only.`,
    );
  })();
  return pgUrl;
}

function tracker(options: CreateConsoleDbOptions, remove: () => Promise<void>): TestDatabase {
  const opened: ConsoleDb[] = [];
  return {
    options,
    async open() {
      const db = await createConsoleDb(options);
      opened.push(db);
      return db;
    },
    async cleanup() {
      await Promise.all(opened.map((db) => db.close()));
      await remove();
    },
  };
}

const sqlite: Backend = {
  name: "sqlite",
  async create() {
    const dir = await mkdtemp(path.join(tmpdir(), "console-db-"));
    return tracker({ dataDir: dir }, () => rm(dir, { recursive: true, force: true }));
  },
};

const postgres: Backend = {
  name: "postgres",
  async create() {
    const url = await reachablePostgres();
    const schema = `${process.env.TEST_PG_SCHEMA_PREFIX ?? "console_test_"}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    return tracker({ databaseUrl: url, pgSchema: schema }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    });
  },
};

export const BACKENDS: Backend[] = process.env.SKIP_PG_TESTS === "1" ? [sqlite] : [sqlite, postgres];

/**
 * A fresh database on `backend` for each test of the surrounding describe, removed
 * after it. `setup` runs once it exists, typically to open the instances the
 * tests share (`db = await t.open()`). The returned handle always stands for the
 * current test's database.
 */
export function withTestDatabase(backend: Backend, setup?: (t: TestDatabase) => Promise<void>): TestDatabase {
  let current: TestDatabase | undefined;
  const now = (): TestDatabase => {
    if (!current) throw new Error("withTestDatabase: used outside a test");
    return current;
  };
  beforeEach(async () => {
    current = await backend.create();
    await setup?.(current);
  });
  afterEach(async () => {
    const t = current;
    current = undefined;
    await t?.cleanup();
  });
  return {
    get options() {
      return now().options;
    },
    open: () => now().open(),
    cleanup: () => now().cleanup(),
  };
}
