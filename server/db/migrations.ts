import "server-only";
import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";

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
  await db.schema.createIndex("onboarding_runs_state_idx").ifNotExists().on("onboarding_runs").column("state").execute();
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

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    "0001_initial": { up: (db) => initial(db, dialect) },
    "0003_payout_links": { up: (db) => payoutLinks(db) },
    "0004_onboarding": { up: (db) => onboarding(db) },
    "0005_privacy_ops": { up: (db) => privacyOps(db) },
  };
  return { getMigrations: async () => migrations };
}
