import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import { type Dialect, migrationProvider } from "./migrations";
import { auditRepo } from "./repos/audit";
import { bulkRepo } from "./repos/bulk";
import { intentsRepo } from "./repos/intents";
import { invitesRepo } from "./repos/invites";
import { journalRepo } from "./repos/journal";
import { knowledgeRepo } from "./repos/knowledge";
import { leasesRepo } from "./repos/leases";
import { limiterRepo } from "./repos/limiter";
import { merchantsRepo } from "./repos/merchants";
import { onboardingRepo } from "./repos/onboarding";
import { payoutLinksRepo } from "./repos/payout-links";
import { privacyRequestsRepo } from "./repos/privacy-requests";
import { controlsSeenRepo, layoutImportRepo, taxonomyVersionsRepo } from "./repos/settings-imports";
import { templatesRepo } from "./repos/templates";
import { usersRepo } from "./repos/users";
import { viewsRepo } from "./repos/views";
import type { Database } from "./schema";
import { FifoSqliteDialect } from "./sqlite-fifo";
import type { ConsoleDb } from "./types";

export interface CreateConsoleDbOptions {
  /** postgres:// or postgresql:// URL; unset → SQLite in dataDir. A `schema` query parameter acts like pgSchema. */
  databaseUrl?: string;
  /** Folder of the embedded database (`<dataDir>/console.sqlite`), created if missing. */
  dataDir?: string;
  /** PostgreSQL schema to live in (search_path), created if missing: lets tests and instances isolate themselves. */
  pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  pgPoolMax?: number;
}

export const SQLITE_FILE = "console.sqlite";
// Lower case only: search_path and CREATE SCHEMA must name the same schema without quoting rules in between.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const PING_TIMEOUT_MS = 3000;

/** Opens the console database and brings its schema up to date. Nothing happens before this is called. */
export async function createConsoleDb(opts: CreateConsoleDbOptions): Promise<ConsoleDb> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.pgSchema, opts.pgPoolMax ?? 10);
  if (!opts.dataDir) throw new Error("createConsoleDb: set databaseUrl (PostgreSQL) or dataDir (SQLite)");
  return openSqlite(opts.dataDir);
}

async function openSqlite(dataDir: string): Promise<ConsoleDb> {
  const file = path.join(dataDir, SQLITE_FILE);
  const fail = (err: Error) => {
    throw new Error(`cannot open the console database (SQLite at ${file}): ${err.message}`, { cause: err });
  };
  const { default: BetterSqlite } = await import("better-sqlite3");
  await mkdir(dataDir, { recursive: true }).catch(fail);
  let sqlite: InstanceType<typeof BetterSqlite>;
  try {
    sqlite = new BetterSqlite(file);
  } catch (err) {
    return fail(err as Error);
  }
  try {
    // WAL lets readers and one writer (from any process on this folder) work at once;
    // busy_timeout makes a second instance wait for the write lock instead of failing.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
  } catch (err) {
    sqlite.close();
    fail(err as Error);
  }
  const kysely = new Kysely<Database>({ dialect: new FifoSqliteDialect({ database: cachingStatements(sqlite) }) });
  return finish(kysely, "sqlite", undefined).catch(fail);
}

/** How many distinct SQL texts keep their prepared statement (the console issues a few hundred shapes). */
export const STATEMENT_CACHE_SIZE = 500;

interface SqliteLike {
  prepare(sql: string): { busy: boolean };
  close(): unknown;
}

/**
 * Kysely's SQLite driver prepares every query again (parse and plan, about 3 % of
 * a console write). The database it is given here keeps prepared statements by
 * SQL text in a bounded map (least recently used dropped first). A statement
 * still iterating (a streamed select) is busy and cannot run twice at once: the
 * caller then gets a fresh one. SQLite re-prepares a cached statement itself
 * when the schema changes (sqlite3_prepare_v2), so migrations stay correct.
 */
export function cachingStatements<D extends SqliteLike>(
  db: D,
  max = STATEMENT_CACHE_SIZE,
): Pick<D, "prepare" | "close"> {
  const cache = new Map<string, ReturnType<D["prepare"]>>();
  return {
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        // Move to the end: the map's order is the recency order.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = db.prepare(sql) as ReturnType<D["prepare"]>;
      if (!hit) {
        cache.set(sql, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
    close() {
      cache.clear();
      return db.close();
    },
  } as Pick<D, "prepare" | "close">;
}

async function openPostgres(databaseUrl: string, pgSchema: string | undefined, max: number): Promise<ConsoleDb> {
  const url = new URL(databaseUrl);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(`DATABASE_URL must be a postgres:// URL (got ${url.protocol}//…)`);
  }
  const schema = pgSchema ?? url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max,
    // Without it a blackholed host would make every request (and the health check) wait for the OS.
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (err) => console.error(`[console-db] idle PostgreSQL client error: ${err.message}`));
  const where = `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}${schema ? ` (schema ${schema})` : ""}`;
  const fail = (err: Error) => {
    throw new Error(`cannot open the console database (${where}): ${err.message}`, { cause: err });
  };
  try {
    if (schema) {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((err: { code?: string }) => {
        // Two instances creating the schema at once: the loser's error is harmless.
        if (err.code !== "23505" && err.code !== "42P06") throw err;
      });
    }
  } catch (err) {
    await pool.end();
    fail(err as Error);
  }
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return finish(kysely, "postgres", schema).catch(fail);
}

async function finish(kysely: Kysely<Database>, dialect: Dialect, pgSchema: string | undefined): Promise<ConsoleDb> {
  try {
    await migrate(kysely, dialect, pgSchema);
  } catch (err) {
    await kysely.destroy();
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    dialect,
    kysely,
    users: usersRepo(kysely),
    invites: invitesRepo(kysely),
    audit: auditRepo(kysely),
    journal: journalRepo(kysely),
    knowledge: knowledgeRepo(kysely),
    intents: intentsRepo(kysely),
    limiter: limiterRepo(kysely),
    leases: leasesRepo(kysely),
    merchants: merchantsRepo(kysely, dialect),
    views: viewsRepo(kysely),
    payoutLinks: payoutLinksRepo(kysely),
    privacyRequests: privacyRequestsRepo(kysely),
    onboarding: onboardingRepo(kysely),
    templates: templatesRepo(kysely),
    taxonomyVersions: taxonomyVersionsRepo(kysely),
    controlsSeen: controlsSeenRepo(kysely),
    layoutImport: layoutImportRepo(kysely),
    bulk: bulkRepo(kysely),
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      const query = sql`select 1`.execute(kysely).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      closed ??= kysely.destroy();
      return closed;
    },
  };
}

async function migrate(kysely: Kysely<Database>, dialect: Dialect, pgSchema: string | undefined): Promise<void> {
  // Kysely finds its migration table by name in any schema unless told which one: pin it to ours.
  let migrationTableSchema: string | undefined;
  if (dialect === "postgres") {
    const current = await sql<{ s: string | null }>`select current_schema() as s`.execute(kysely);
    migrationTableSchema = pgSchema ?? current.rows[0]?.s ?? undefined;
    if (!migrationTableSchema) throw new Error("PostgreSQL has no current schema: set a schema (search_path)");
  }
  const migrator = new Migrator({ db: kysely, provider: migrationProvider(dialect), migrationTableSchema });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    // Two instances migrating one SQLite file at once: the loser sees SQLITE_BUSY, or (having read the
    // migration list before the winner committed) a duplicate migration name; its transaction is rolled
    // back and the retry finds the work done.
    const code = String((error as { code?: string }).code ?? "");
    const lostRace =
      code.startsWith("SQLITE_CONSTRAINT") && /kysely_migration/.test(error instanceof Error ? error.message : "");
    const busy = code.startsWith("SQLITE_BUSY") || lostRace;
    if (busy && attempt < 8) {
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 50));
      continue;
    }
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`console database migration${failed ? ` ${failed}` : ""} failed: ${message}`, { cause: error });
  }
}
