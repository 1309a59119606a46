import "server-only";
import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";
import { pgSearch } from "./pg-search-migration";

/**
 * The one schema of the console database, for SQLite and PostgreSQL alike:
 * written with Kysely's schema builder in portable types (text, integer,
 * bigint). Only the audit log's append-only triggers need each dialect's own
 * syntax. Migrations live in code, so nothing is read from disk at runtime and
 * Next can bundle this module. Append new migrations; never edit a shipped one.
 */

export type Dialect = "sqlite" | "postgres";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current table typing
type AnyDb = Kysely<any>;

async function initial(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable("users")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("session_version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_log")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("user_email", "text")
    .addColumn("role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("merchant_id", "text")
    .addColumn("request_json", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("message", "text")
    .addColumn("upstream_request_id", "text")
    .addColumn("operation_id", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").ifNotExists().on("audit_log").columns(["at", "id"]).execute();
  await db.schema
    .createIndex("audit_log_user_email_idx")
    .ifNotExists()
    .on("audit_log")
    .columns(["user_email", "at"])
    .execute();
  await db.schema
    .createIndex("audit_log_merchant_idx")
    .ifNotExists()
    .on("audit_log")
    .columns(["merchant_id", "at"])
    .execute();

  if (dialect === "sqlite") {
    for (const op of ["UPDATE", "DELETE"]) {
      await sql
        .raw(
          `CREATE TRIGGER IF NOT EXISTS audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log ` +
            `BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: ${op} refused'); END`,
        )
        .execute(db);
    }
  } else {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
         END
         $$`,
      )
      .execute(db);
    await sql.raw("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log").execute(db);
    await sql
      .raw(
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log " +
          "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
      )
      .execute(db);
    await sql.raw("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log").execute(db);
    await sql
      .raw(
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log " +
          "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
      )
      .execute(db);
  }

  await db.schema
    .createTable("operations_journal")
    .ifNotExists()
    .addColumn("operation_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text")
    .addColumn("user_email", "text")
    .addColumn("merchant_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("operation_type", "text")
    .addColumn("dry_run", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("error", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("operations_journal_created_idx")
    .ifNotExists()
    .on("operations_journal")
    .columns(["created_at", "operation_id"])
    .execute();
  await db.schema
    .createIndex("operations_journal_merchant_idx")
    .ifNotExists()
    .on("operations_journal")
    .columns(["merchant_id", "created_at"])
    .execute();

  await db.schema
    .createTable("knowledge_pages")
    .ifNotExists()
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("page_id", "text", (c) => c.notNull())
    .addColumn("surface", "text", (c) => c.notNull())
    .addColumn("layout_id", "text", (c) => c.notNull())
    .addColumn("layout_type", "text", (c) => c.notNull())
    .addColumn("page_identifier", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_pages_pk", ["account_id", "page_id"])
    .execute();
  await db.schema
    .createTable("knowledge_layouts")
    .ifNotExists()
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("layout_id", "text", (c) => c.notNull())
    .addColumn("page_id", "text", (c) => c.notNull())
    .addColumn("layout_type", "text", (c) => c.notNull())
    .addColumn("theme_json", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("knowledge_layouts_pk", ["account_id", "layout_id"])
    .execute();

  await db.schema
    .createTable("idempotency_intents")
    .ifNotExists()
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("route", "text", (c) => c.notNull())
    .addColumn("body_hash", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("response_json", "text")
    .addColumn("operation_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("in_flight_until", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_intents_pk", ["user_id", "key"])
    .execute();
  await db.schema
    .createIndex("idempotency_intents_expires_idx")
    .ifNotExists()
    .on("idempotency_intents")
    .column("expires_at")
    .execute();

  await db.schema
    .createTable("rate_limits")
    .ifNotExists()
    .addColumn("bucket", "text", (c) => c.primaryKey())
    .addColumn("window_start", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("leases")
    .ifNotExists()
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("acquired_at", "text", (c) => c.notNull())
    .execute();
}

/** The latest Stripe onboarding link per merchant (a bearer link: kept here, never in the audit log). */
async function payoutLinks(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("payout_links")
    .ifNotExists()
    .addColumn("account_id", "text", (c) => c.primaryKey())
    .addColumn("stripe_account_id", "text", (c) => c.notNull())
    .addColumn("onboarding_url", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("operation_id", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

/** The onboarding wizard: drafts per user, and each draft's go-live run as a saga of recorded steps. */
async function onboarding(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("onboarding_drafts")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("brand", "text")
    .addColumn("data_json", "text", (c) => c.notNull())
    .addColumn("reached", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("account_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("onboarding_drafts_user_idx")
    .ifNotExists()
    .on("onboarding_drafts")
    .columns(["user_id", "status", "updated_at"])
    .execute();
  await db.schema
    .createTable("onboarding_runs")
    .ifNotExists()
    .addColumn("draft_id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("user_email", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("payout_link", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("account_id", "text")
    .addColumn("pages_json", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("onboarding_runs_state_idx")
    .ifNotExists()
    .on("onboarding_runs")
    .column("state")
    .execute();
  await db.schema
    .createTable("onboarding_steps")
    .ifNotExists()
    .addColumn("draft_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text")
    .addColumn("request_json", "text")
    .addColumn("sent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("operation_id", "text")
    .addColumn("request_id", "text")
    .addColumn("http_status", "integer")
    .addColumn("result_json", "text")
    .addColumn("error_json", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("onboarding_steps_pk", ["draft_id", "name"])
    .execute();
  await db.schema
    .createTable("controls_templates")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("blocked_json", "text", (c) => c.notNull())
    .addColumn("domains_text", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

/** Privacy request history and merchant data deletions, with their approvals (issue #8). */
async function privacyOps(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("privacy_requests")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("request_type", "text", (c) => c.notNull())
    .addColumn("identifier_type", "text", (c) => c.notNull())
    .addColumn("identifier_masked", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text")
    .addColumn("account_id", "text")
    .addColumn("merchant_label", "text")
    .addColumn("reason", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("upstream_request_id", "text")
    .addColumn("operation_id", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("error", "text")
    .addColumn("submitted_by_id", "text")
    .addColumn("submitted_by_email", "text")
    .addColumn("approved_by_email", "text")
    .addColumn("approved_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("privacy_requests_created_idx")
    .ifNotExists()
    .on("privacy_requests")
    .columns(["created_at", "id"])
    .execute();
  await db.schema
    .createIndex("privacy_requests_fingerprint_idx")
    .ifNotExists()
    .on("privacy_requests")
    .columns(["fingerprint", "created_at"])
    .execute();
}

/**
 * The merchant index (the API lists accounts page by page and cannot search):
 * one row per account of the platform, kept by a full sync and by the console's
 * own writes, searchable by word prefix through each engine's own text index
 * (SQLite FTS5 with prefix indexes; PostgreSQL pg_trgm), plus the sync's state
 * and the saved views of the lists. Self-contained: touches no other table.
 */
async function merchantIndex(db: AnyDb, dialect: Dialect): Promise<void> {
  // PostgreSQL sorts these in byte order (like SQLite's BINARY), so both engines list alike and fast.
  const key = dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable("merchant_index")
    .ifNotExists()
    // SQLite: the rowid alias the FTS table points at (a plain rowid may change on VACUUM).
    .addColumn("id", dialect === "postgres" ? "bigserial" : "integer", (c) => c.primaryKey())
    .addColumn("account_id", key, (c) => c.notNull().unique())
    .addColumn("external_account_id", "text", (c) => c.notNull())
    .addColumn("brand", "text", (c) => c.notNull())
    // Lower-cased, accent-folded brand: the sort key.
    .addColumn("brand_key", key, (c) => c.notNull())
    .addColumn("country_code", "text", (c) => c.notNull())
    .addColumn("store_identifier", "text", (c) => c.notNull())
    .addColumn("vertical_id", "integer", (c) => c.notNull())
    .addColumn("sub_vertical_id", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", key, (c) => c.notNull())
    .addColumn("updated_at", key, (c) => c.notNull())
    // The words a merchant is found by (brand, store host), each preceded by a space.
    .addColumn("search", "text", (c) => c.notNull())
    // Its ids (external id without punctuation, account id), each preceded by a space: matched from
    // a whole id's start only, so a one-letter search does not match every id of a scheme like "mer_…".
    .addColumn("ids", "text", (c) => c.notNull())
    // When a sync last listed the account (or the console wrote it): older than a finished sync's start = gone.
    .addColumn("seen_at", "text", (c) => c.notNull())
    // When the console itself last wrote the row: a sync that started earlier does not overwrite it.
    .addColumn("local_at", "text")
    .execute();
  for (const [name, columns] of [
    ["merchant_index_brand_idx", ["brand_key", "account_id"]],
    ["merchant_index_created_idx", ["created_at", "account_id"]],
    ["merchant_index_updated_idx", ["updated_at", "account_id"]],
    ["merchant_index_status_idx", ["status", "brand_key", "account_id"]],
    ["merchant_index_status_created_idx", ["status", "created_at", "account_id"]],
    ["merchant_index_status_updated_idx", ["status", "updated_at", "account_id"]],
    ["merchant_index_country_idx", ["country_code", "brand_key", "account_id"]],
    ["merchant_index_vertical_idx", ["vertical_id", "brand_key", "account_id"]],
    // Covers the facet counts (totals of unsearched lists), read once per change of the index.
    ["merchant_index_facets_idx", ["status", "country_code", "vertical_id"]],
  ] as const) {
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on("merchant_index")
      .columns([...columns])
      .execute();
  }

  if (dialect === "sqlite") {
    await sql
      .raw(
        "CREATE VIRTUAL TABLE IF NOT EXISTS merchant_fts USING fts5(search, ids, content='merchant_index', " +
          "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
      )
      .execute(db);
    await sql
      .raw(
        "CREATE TRIGGER IF NOT EXISTS merchant_index_fts_insert AFTER INSERT ON merchant_index BEGIN " +
          "INSERT INTO merchant_fts(rowid, search, ids) VALUES (new.id, new.search, new.ids); END",
      )
      .execute(db);
    await sql
      .raw(
        "CREATE TRIGGER IF NOT EXISTS merchant_index_fts_delete AFTER DELETE ON merchant_index BEGIN " +
          "INSERT INTO merchant_fts(merchant_fts, rowid, search, ids) VALUES ('delete', old.id, old.search, old.ids); END",
      )
      .execute(db);
    await sql
      .raw(
        "CREATE TRIGGER IF NOT EXISTS merchant_index_fts_update AFTER UPDATE OF search, ids ON merchant_index " +
          "WHEN old.search IS NOT new.search OR old.ids IS NOT new.ids BEGIN " +
          "INSERT INTO merchant_fts(merchant_fts, rowid, search, ids) VALUES ('delete', old.id, old.search, old.ids); " +
          "INSERT INTO merchant_fts(rowid, search, ids) VALUES (new.id, new.search, new.ids); END",
      )
      .execute(db);
  } else {
    // The operator class is named with its schema, so the index works whatever the search_path;
    // the searches themselves use only LIKE, a core operator the index serves.
    const trgmSchema = await ensurePgTrgm(db);
    for (const column of ["search", "ids"]) {
      await sql
        .raw(
          `CREATE INDEX IF NOT EXISTS merchant_index_${column}_trgm ON merchant_index ` +
            `USING gin (${column} "${trgmSchema}".gin_trgm_ops)`,
        )
        .execute(db);
    }
  }

  await db.schema
    .createTable("merchant_sync_state")
    .ifNotExists()
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("started_at", "text")
    .addColumn("heartbeat_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("ok_started_at", "text")
    .addColumn("ok_at", "text")
    .addColumn("error", "text")
    .addColumn("seen", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("added", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("changed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("removed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("duration_ms", "integer")
    // Bumped by every change of the index's rows: lets an instance cache what it derived from them.
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("saved_views")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("saved_views_name_unique", ["user_id", "scope", "name"])
    .execute();
}

/**
 * pg_trgm lives in public, not in the console's own schema: dropping that schema
 * (tests, a reset) must not drop an extension other schemas' indexes use.
 * Returns the schema it lives in (an existing install may be elsewhere).
 */
async function ensurePgTrgm(db: AnyDb): Promise<string> {
  const find = async () =>
    (
      await sql<{ schema: string }>`
        select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where e.extname = 'pg_trgm'`.execute(db)
    ).rows[0]?.schema;
  const existing = await find();
  if (existing) return existing;
  // Migrations run in a transaction on PostgreSQL: a savepoint keeps it usable after a lost race.
  const savepoint = db.isTransaction;
  try {
    if (savepoint) await sql`SAVEPOINT create_pg_trgm`.execute(db);
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
    if (savepoint) await sql`RELEASE SAVEPOINT create_pg_trgm`.execute(db);
  } catch (err) {
    if (savepoint) await sql`ROLLBACK TO SAVEPOINT create_pg_trgm`.execute(db);
    // Two databases' migrations creating it at once: the loser's unique violation is harmless.
    const code = (err as { code?: string }).code;
    if (code !== "23505" && code !== "42710") {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(
        `the merchant index needs the PostgreSQL extension pg_trgm (${message}); ` +
          "have a superuser run CREATE EXTENSION pg_trgm WITH SCHEMA public in this database",
        { cause: err },
      );
    }
  }
  const created = await find();
  if (!created) throw new Error("pg_trgm was created but cannot be found in pg_extension");
  return created;
}

/**
 * Settings → Users (issue #11): when and how each user last signed in, and one-time invite links
 * for email + password sign-in. Only a SHA-256 hash of an invite's token is stored: the link is
 * shown once to the admin who made it and cannot be read back from the database.
 */
async function settingsUsers(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").addColumn("last_sign_in_at", "text").execute();
  await db.schema.alterTable("users").addColumn("sign_in_method", "text").execute();
  await db.schema
    .createTable("user_invites")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_by_id", "text")
    .addColumn("created_by_email", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("user_id", "text")
    .execute();
  await db.schema.createIndex("user_invites_email_idx").ifNotExists().on("user_invites").column("email").execute();
}

/**
 * Settings imports (issue #11): versions of the partner taxonomy (each the whole CSV
 * as imported, so any version downloads exactly as it was applied), and the blocked
 * pairs of each merchant whose controls the console has read or written (the API has
 * no "who blocks this pair" query; a taxonomy import lists the blocks it would orphan).
 */
async function settingsImports(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("taxonomy_versions")
    .ifNotExists()
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("csv", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("summary_json", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("merchant_controls_seen")
    .ifNotExists()
    .addColumn("account_id", "text", (c) => c.primaryKey())
    .addColumn("blocked_json", "text", (c) => c.notNull())
    .addColumn("seen_at", "text", (c) => c.notNull())
    .execute();
}

/**
 * Bulk jobs (issue #12): a job, one row per merchant with its Idempotency-Key
 * recorded before the write, and the upstream pacing buckets every instance
 * shares (server/partnerships/upstream-limiter.ts). Self-contained.
 */
async function bulkJobs(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("bulk_jobs")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("params_json", "text", (c) => c.notNull())
    .addColumn("selection_json", "text", (c) => c.notNull())
    .addColumn("created_by_id", "text")
    .addColumn("created_by_email", "text")
    .addColumn("created_by_role", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("lease_holder", "text")
    .addColumn("heartbeat_at", "text")
    .execute();
  await db.schema
    .createIndex("bulk_jobs_created_idx")
    .ifNotExists()
    .on("bulk_jobs")
    .columns(["created_at", "id"])
    .execute();
  await db.schema.createIndex("bulk_jobs_status_idx").ifNotExists().on("bulk_jobs").column("status").execute();
  await db.schema
    .createTable("bulk_job_items")
    .ifNotExists()
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("brand", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text")
    .addColumn("request_json", "text")
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("operation_id", "text")
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addPrimaryKeyConstraint("bulk_job_items_pk", ["job_id", "account_id"])
    .execute();
  await db.schema
    .createIndex("bulk_job_items_state_idx")
    .ifNotExists()
    .on("bulk_job_items")
    .columns(["job_id", "state", "position"])
    .execute();
  await db.schema
    .createTable("upstream_pacing")
    .ifNotExists()
    .addColumn("bucket", "text", (c) => c.primaryKey())
    // The theoretical arrival time of the next free slot (GCRA), epoch ms.
    .addColumn("tat", "bigint", (c) => c.notNull())
    .addColumn("window_start", "bigint", (c) => c.notNull())
    .addColumn("window_count", "integer", (c) => c.notNull())
    .execute();
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    "0001_initial": { up: (db) => initial(db, dialect) },
    "0002_merchant_index": { up: (db) => merchantIndex(db, dialect) },
    "0003_payout_links": { up: (db) => payoutLinks(db) },
    "0004_onboarding": { up: (db) => onboarding(db) },
    "0005_privacy_ops": { up: (db) => privacyOps(db) },
    "0006_settings_users": { up: (db) => settingsUsers(db) },
    "0007_settings_imports": { up: (db) => settingsImports(db) },
    "0008_bulk_jobs": { up: (db) => bulkJobs(db) },
    "0009_pg_search": { up: (db) => pgSearch(db, dialect) },
  };
  return { getMigrations: async () => migrations };
}
