import "server-only";
import { type Kysely, sql } from "kysely";
import type { Dialect } from "./migrations";

/**
 * Migration 0009_pg_search: PostgreSQL's word-prefix search from a b-tree.
 *
 * `merchant_words` holds each merchant's words one per row, exactly the words of
 * its `search` column (field 's': brand, store host) and of its `ids` column
 * (field 'i': compact external and account ids). "A typed word starts one of the
 * merchant's words" is then `word LIKE 'pre%'`, a range scan of a
 * `text_pattern_ops` index, instead of `search LIKE '% pre%'` through pg_trgm,
 * whose recheck grew with the candidate rows (p99 29–48 ms at 50,000 merchants).
 * Each word row also carries its merchant's filter and sort columns, included in
 * the index: a filtered, sorted search is one index-only range scan, without a
 * lookup per matching merchant (thousands for a one-letter prefix).
 * The words are split from the same columns the per-row test reads, so both
 * paths (and SQLite's FTS5 over those columns) find the same merchants.
 *
 * Kept by statement-level triggers with transition tables (one set-based insert
 * per synced batch, not one per row); the trigram indexes, no longer read, are
 * dropped so a sync does not keep them up to date either. SQLite: nothing to do
 * (FTS5 already serves it).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current table typing
type AnyDb = Kysely<any>;

/** Copied from the merchant row onto each of its words (filters, sort keys, the key). */
const CARRIED = "account_id, status, country_code, vertical_id, brand_key, created_at, updated_at";
const COLUMNS = `merchant_id, field, word, ${CARRIED}`;

/** The word rows of the rows in `rows` (a table, transition table or CTE name). */
const WORDS_OF = (rows: string) =>
  `SELECT DISTINCT r.id, x.field, x.word, ${CARRIED.split(", ")
    .map((c) => `r.${c}`)
    .join(", ")} FROM ${rows} r ` +
  "CROSS JOIN LATERAL (SELECT 's'::\"char\" AS field, w AS word FROM unnest(string_to_array(r.search, ' ')) w " +
  "UNION ALL SELECT 'i'::\"char\", w FROM unnest(string_to_array(r.ids, ' ')) w) x WHERE x.word <> ''";

export async function pgSearch(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await sql
    .raw(
      "CREATE TABLE IF NOT EXISTS merchant_words (merchant_id bigint NOT NULL, " +
        'field "char" NOT NULL, word text NOT NULL, account_id text COLLATE "C" NOT NULL, ' +
        "status text NOT NULL, country_code text NOT NULL, vertical_id integer NOT NULL, " +
        'brand_key text COLLATE "C" NOT NULL, created_at text COLLATE "C" NOT NULL, ' +
        'updated_at text COLLATE "C" NOT NULL)',
    )
    .execute(db);
  // Prefix ranges per field, index-only (everything a search reads is included); by merchant, for the triggers.
  await sql
    .raw(
      "CREATE INDEX IF NOT EXISTS merchant_words_prefix_idx ON merchant_words (field, word text_pattern_ops) " +
        `INCLUDE (merchant_id, ${CARRIED})`,
    )
    .execute(db);
  await sql.raw("CREATE INDEX IF NOT EXISTS merchant_words_merchant_idx ON merchant_words (merchant_id)").execute(db);

  // SET search_path FROM CURRENT: the functions find this schema's tables whatever the caller's path.
  await sql
    .raw(
      "CREATE OR REPLACE FUNCTION merchant_words_inserted() RETURNS trigger LANGUAGE plpgsql " +
        "SET search_path FROM CURRENT AS $$ BEGIN " +
        `INSERT INTO merchant_words (${COLUMNS}) ${WORDS_OF("new_rows")}; RETURN NULL; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      "CREATE OR REPLACE FUNCTION merchant_words_updated() RETURNS trigger LANGUAGE plpgsql " +
        "SET search_path FROM CURRENT AS $$ BEGIN " +
        // Only rows whose words or carried columns changed (a sync's "seen" update leaves them alone).
        "WITH changed AS (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id " +
        `WHERE (n.search, n.ids, ${CARRIED.split(", ")
          .map((c) => `n.${c}`)
          .join(", ")}) IS DISTINCT FROM (o.search, o.ids, ${CARRIED.split(", ")
          .map((c) => `o.${c}`)
          .join(", ")})), ` +
        "gone AS (DELETE FROM merchant_words w USING changed c WHERE w.merchant_id = c.id) " +
        `INSERT INTO merchant_words (${COLUMNS}) ${WORDS_OF("changed")}; RETURN NULL; END $$`,
    )
    .execute(db);
  await sql
    .raw(
      "CREATE OR REPLACE FUNCTION merchant_words_deleted() RETURNS trigger LANGUAGE plpgsql " +
        "SET search_path FROM CURRENT AS $$ BEGIN " +
        "DELETE FROM merchant_words w USING old_rows o WHERE w.merchant_id = o.id; RETURN NULL; END $$",
    )
    .execute(db);
  for (const [name, event, refs, fn] of [
    ["merchant_words_insert", "INSERT", "NEW TABLE AS new_rows", "merchant_words_inserted"],
    ["merchant_words_update", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows", "merchant_words_updated"],
    ["merchant_words_delete", "DELETE", "OLD TABLE AS old_rows", "merchant_words_deleted"],
  ] as const) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON merchant_index`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${name} AFTER ${event} ON merchant_index REFERENCING ${refs} ` +
          `FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      )
      .execute(db);
  }

  // Backfill what earlier syncs indexed (the migration runs in one transaction with the triggers).
  await sql.raw(`DELETE FROM merchant_words`).execute(db);
  await sql.raw(`INSERT INTO merchant_words (${COLUMNS}) ${WORDS_OF("merchant_index")}`).execute(db);
  await sql.raw("DROP INDEX IF EXISTS merchant_index_search_trgm").execute(db);
  await sql.raw("DROP INDEX IF EXISTS merchant_index_ids_trgm").execute(db);
  await sql.raw("ANALYZE merchant_words").execute(db);
}
