import "server-only";
import { type ExpressionBuilder, type Insertable, type Kysely, type Selectable, sql } from "kysely";
import { compactId, idTerm, searchTerms, searchWords } from "@/lib/merchants/query";
import { ACCOUNT_STATUSES, type AccountStatus } from "@/lib/partnerships/accounts";
import type { Dialect } from "../migrations";
import type { Database, MerchantIndexTable, MerchantSyncStateTable } from "../schema";
import type { IndexedMerchant, ListedAccount, MerchantIndexFilter, MerchantSyncState, MerchantsRepo } from "../types";
import { nowIso } from "../util";

/**
 * The merchant index on both engines. Search is by word prefix: every typed
 * word must start one of the merchant's words (brand, external id, account id,
 * store host). SQLite answers it from an FTS5 table with prefix indexes
 * (`merchant_fts`, kept by triggers); PostgreSQL from a words table with a
 * b-tree (`merchant_words`, one row per word of the same columns, kept by
 * triggers; migration 0009_pg_search): `word LIKE 'pre%'` is a range scan.
 * Sorting and paging are plain indexed SQL on both; the total comes from a
 * count over the same filter.
 */

const STATE = "accounts";
/** Rows per statement: 15 parameters each stays far below both engines' limits. */
const BATCH = 500;
const COLUMNS = [
  "account_id",
  "external_account_id",
  "brand",
  "country_code",
  "store_identifier",
  "vertical_id",
  "sub_vertical_id",
  "status",
  "created_at",
  "updated_at",
] as const;

type Row = Pick<Selectable<MerchantIndexTable>, (typeof COLUMNS)[number]>;
type Eb = ExpressionBuilder<Database, "merchant_index">;

const SORT_COLUMN = { brand: "brand_key", created: "created_at", updated: "updated_at" } as const;

const asStatus = (s: string): AccountStatus =>
  (ACCOUNT_STATUSES as readonly string[]).includes(s) ? (s as AccountStatus) : "active";

function toMerchant(r: Row): IndexedMerchant {
  return {
    accountId: r.account_id,
    externalAccountId: r.external_account_id,
    brand: r.brand,
    countryCode: r.country_code,
    storeIdentifier: r.store_identifier,
    verticalId: Number(r.vertical_id),
    subVerticalId: Number(r.sub_vertical_id),
    status: asStatus(r.status),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** ISO 8601 UTC with milliseconds when the upstream's value is a date, else kept as sent. */
function isoOr(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** The store's host without scheme, a generic first label and the public suffix: "https://shop.acme.co.uk/x" → ["acme"]. */
export function storeWords(store: string): string[] {
  const host = (/^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(store)?.[1] ?? store).replace(/^.*@/, "").replace(/:\d+$/, "");
  const labels = host.toLowerCase().split(".").filter(Boolean);
  if (labels.length > 2 && ["www", "shop", "store", "m"].includes(labels[0] ?? "")) labels.shift();
  if (labels.length > 1) labels.pop();
  const last = labels[labels.length - 1];
  if (labels.length > 1 && last && ["co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"].includes(last)) {
    labels.pop();
  }
  return labels.flatMap(searchWords);
}

/** The words a merchant is found by (brand, store host), each preceded by a space: `LIKE '% word%'` is a word prefix. */
export function searchTextOf(m: IndexedMerchant): string {
  return ` ${[...new Set([...searchWords(m.brand), ...storeWords(m.storeIdentifier)])].join(" ")}`;
}

/** Its ids without punctuation (external id, account id), each preceded by a space. */
export function idsTextOf(m: IndexedMerchant): string {
  return ` ${[...new Set([compactId(m.externalAccountId), compactId(m.accountId)].filter(Boolean))].join(" ")}`;
}

function toInsert(m: IndexedMerchant, seenAt: string, localAt: string | null): Insertable<MerchantIndexTable> {
  return {
    account_id: m.accountId,
    external_account_id: m.externalAccountId,
    brand: m.brand,
    brand_key: searchWords(m.brand).join(" ") || m.brand.toLowerCase(),
    country_code: m.countryCode,
    store_identifier: m.storeIdentifier,
    vertical_id: m.verticalId,
    sub_vertical_id: m.subVerticalId,
    status: m.status,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    search: searchTextOf(m),
    ids: idsTextOf(m),
    seen_at: seenAt,
    local_at: localAt,
  };
}

export function fromListed(a: ListedAccount): IndexedMerchant {
  return {
    accountId: a.account_id,
    externalAccountId: a.external_account_id,
    brand: a.brand,
    countryCode: a.country_code,
    storeIdentifier: a.store_identifier,
    verticalId: a.vertical_id,
    subVerticalId: a.sub_vertical_id,
    status: a.status,
    createdAt: isoOr(a.created_at),
    updatedAt: isoOr(a.updated_at),
  };
}

const same = (a: IndexedMerchant, b: IndexedMerchant) =>
  a.externalAccountId === b.externalAccountId &&
  a.brand === b.brand &&
  a.countryCode === b.countryCode &&
  a.storeIdentifier === b.storeIdentifier &&
  a.verticalId === b.verticalId &&
  a.subVerticalId === b.subVerticalId &&
  a.status === b.status &&
  a.createdAt === b.createdAt &&
  a.updatedAt === b.updatedAt;

function toState(r: Selectable<MerchantSyncStateTable> | undefined): MerchantSyncState {
  return {
    startedAt: r?.started_at ?? null,
    heartbeatAt: r?.heartbeat_at ?? null,
    finishedAt: r?.finished_at ?? null,
    okStartedAt: r?.ok_started_at ?? null,
    okAt: r?.ok_at ?? null,
    error: r?.error ?? null,
    seen: Number(r?.seen ?? 0),
    added: Number(r?.added ?? 0),
    changed: Number(r?.changed ?? 0),
    removed: Number(r?.removed ?? 0),
    durationMs: r?.duration_ms === null || r?.duration_ms === undefined ? null : Number(r.duration_ms),
  };
}

/** Below this many text matches, the matches are read through the text index and sorted. */
const TEXT_FIRST_MAX = 2000;
/** Pages before this offset read whole rows at once; deeper ones walk keys first (a deferred join). */
const SHALLOW = 200;
const COUNT_CACHE_SIZE = 2000;

export function merchantsRepo(db: Kysely<Database>, dialect: Dialect): MerchantsRepo {
  /** Facet counts (status × country × vertical) of one index version: totals of unsearched lists without a scan. */
  let facets: { version: number; rows: { status: string; country: string; vertical: number; n: number }[] } | null =
    null;

  /** Counts of searches, by index version, text and filters (the oldest forgotten first). */
  const textCounts = new Map<string, number>();
  function rememberCount(key: string, n: number) {
    textCounts.set(key, n);
    if (textCounts.size > COUNT_CACHE_SIZE) textCounts.delete(textCounts.keys().next().value!);
  }

  async function version(): Promise<number> {
    const row = await db
      .selectFrom("merchant_sync_state")
      .select("version")
      .where("name", "=", STATE)
      .executeTakeFirst();
    return Number(row?.version ?? 0);
  }

  async function bumpVersion(exec: Kysely<Database>): Promise<void> {
    await exec
      .insertInto("merchant_sync_state")
      .values({ name: STATE, version: 1 })
      .onConflict((oc) =>
        oc.column("name").doUpdateSet((eb) => ({ version: eb("merchant_sync_state.version", "+", 1) })),
      )
      .execute();
  }

  async function facetCount(f: MerchantIndexFilter, knownVersion?: number): Promise<number> {
    const v = knownVersion ?? (await version());
    if (facets?.version !== v) {
      const rows = await db
        .selectFrom("merchant_index")
        .select(["status", "country_code", "vertical_id", (eb) => eb.fn.countAll<number | string>().as("n")])
        .groupBy(["status", "country_code", "vertical_id"])
        .execute();
      facets = {
        version: v,
        rows: rows.map((r) => ({
          status: r.status,
          country: r.country_code,
          vertical: Number(r.vertical_id),
          n: Number(r.n),
        })),
      };
    }
    const country = f.country?.toUpperCase();
    let n = 0;
    for (const r of facets.rows) {
      if (f.status && r.status !== f.status) continue;
      if (country && r.country !== country) continue;
      if (f.vertical !== undefined && r.vertical !== f.vertical) continue;
      n += r.n;
    }
    return n;
  }

  /** Rows matching the filters other than the text search. */
  function filtered(f: MerchantIndexFilter) {
    let query = db.selectFrom("merchant_index");
    if (f.status) query = query.where("status", "=", f.status);
    if (f.country) query = query.where("country_code", "=", f.country.toUpperCase());
    if (f.vertical !== undefined) query = query.where("vertical_id", "=", f.vertical);
    return query;
  }

  /** What a typed query looks for: every word must start a word; or the whole query starts an id. */
  type Text = { words: string[]; id: string | null };
  function textOf(q: string | undefined): Text | null {
    const words = searchTerms(q ?? "");
    const id = idTerm(q ?? "");
    return words.length > 0 || id ? { words, id } : null;
  }

  function ftsMatch(t: Text): string {
    // Letters and digits only: quoting them is all the escaping FTS5 needs.
    const words = t.words.length > 0 ? `{search}: (${t.words.map((w) => `"${w}"*`).join(" AND ")})` : "";
    const id = t.id ? `{ids}: "${t.id}"*` : "";
    return words && id ? `${words} OR ${id}` : words || id;
  }

  /**
   * PostgreSQL: one row per merchant a text matches, from the words table alone (an index-only range
   * scan: each word row carries its merchant's filter and sort columns). Every typed word starts one
   * of the `search` words (field 's'), or the whole query starts one of the `ids` (field 'i'): the
   * same test as textScanned, since the table holds exactly those columns' words.
   */
  function wordMatches(t: Text, f: MerchantIndexFilter, sortColumn: string | null) {
    // Letters and digits only: no LIKE wildcard can come from the user. The stored words are lower case.
    const prefix = (field: "s" | "i", w: string) => sql`field = ${field} and word like ${`${w}%`}`;
    const filters = [
      f.status ? sql` and status = ${f.status}` : sql``,
      f.country ? sql` and country_code = ${f.country.toUpperCase()}` : sql``,
      f.vertical !== undefined ? sql` and vertical_id = ${f.vertical}` : sql``,
    ];
    const cols = sortColumn ? sql`merchant_id, account_id, ${sql.ref(sortColumn)} as sort_key` : sql`merchant_id`;
    const parts = [];
    const [first, ...rest] = t.words;
    if (first) {
      const others = rest.map(
        (w) => sql` and merchant_id in (select merchant_id from merchant_words where ${prefix("s", w)})`,
      );
      parts.push(
        sql`select distinct ${cols} from merchant_words where ${prefix("s", first)}${sql.join(filters, sql``)}${sql.join(others, sql``)}`,
      );
    }
    if (t.id)
      parts.push(
        sql`select distinct ${cols} from merchant_words where ${prefix("i", t.id)}${sql.join(filters, sql``)}`,
      );
    return sql.join(parts, sql` union `);
  }

  /** Through the text index (SQLite FTS5 / PostgreSQL words b-tree). */
  function textIndexed(t: Text) {
    if (dialect === "sqlite") {
      return sql<boolean>`merchant_index.id in (select rowid from merchant_fts where merchant_fts match ${ftsMatch(t)})`;
    }
    return sql<boolean>`merchant_index.id in (${wordMatches(t, {}, null)})`;
  }

  /** The same condition as a per-row test (for walking a sort index when most rows match). */
  function textScanned(t: Text) {
    // Letters and digits only: no LIKE wildcard can come from the user. The stored words are lower case.
    const words = t.words.map((w) => sql`merchant_index.search like ${`% ${w}%`}`);
    const all = words.length > 0 ? sql`(${sql.join(words, sql` and `)})` : null;
    const id = t.id ? sql`merchant_index.ids like ${`% ${t.id}%`}` : null;
    return sql<boolean>`(${all && id ? sql`${all} or ${id}` : (all ?? id)})`;
  }

  async function textCount(t: Text, f: MerchantIndexFilter): Promise<number> {
    if (dialect === "sqlite" && !f.status && !f.country && f.vertical === undefined) {
      const match = ftsMatch(t);
      const r = await sql<{
        n: number;
      }>`select count(*) as n from merchant_fts where merchant_fts match ${match}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    }
    if (dialect === "postgres") {
      const r = await sql<{ n: string }>`select count(*) as n from (${wordMatches(t, f, null)}) m`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    }
    const row = await filtered(f)
      .where(textIndexed(t))
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  function ordered(f: MerchantIndexFilter) {
    const column = SORT_COLUMN[f.sort ?? "brand"];
    const dir: "asc" | "desc" = f.dir ?? (f.sort === undefined || f.sort === "brand" ? "asc" : "desc");
    return { column, dir };
  }

  type Strategy = "plain" | "walk" | "text";
  type Page = { offset: number; limit: number; dir: "asc" | "desc" };

  /**
   * One page's rows (all columns, or only the keys for a deferred lookup). "walk" follows the sort
   * index and tests each row (cheap when most rows match: it stops after the page); "text" reads the
   * matches through the text index and sorts them (cheap when few match).
   */
  async function pageRows(f: MerchantIndexFilter, text: Text | null, strategy: Strategy, page: Page, full: boolean) {
    const { column } = ordered(f);
    const { offset, limit, dir } = page;
    const cols = full ? [...COLUMNS] : (["account_id"] as const);
    if (strategy !== "text") {
      let q = filtered(f);
      if (strategy === "walk" && text) q = q.where(textScanned(text));
      return q
        .select(cols)
        .orderBy(column, dir)
        .orderBy("account_id", dir)
        .limit(limit)
        .offset(offset)
        .execute() as Promise<Row[]>;
    }
    if (dialect === "sqlite") {
      // Unary + keeps SQLite from walking the sort index: the text index drives, then the matches are sorted.
      return filtered(f)
        .where(textIndexed(text!))
        .select(cols)
        .orderBy(sql`+${sql.ref(column)}`, dir)
        .orderBy(sql`+account_id`, dir)
        .limit(limit)
        .offset(offset)
        .execute() as Promise<Row[]>;
    }
    // PostgreSQL: the page's keys from the words index alone (then read by key, as deep pages are).
    const order = sql.raw(dir === "asc" ? "asc" : "desc");
    const keys = await sql<Row>`select account_id from (${wordMatches(text!, f, column)}) m
      order by sort_key ${order}, account_id ${order} limit ${limit} offset ${offset}`.execute(db);
    return keys.rows;
  }

  /** Deep pages walk keys only (an index-only walk), then read their rows by key, in the page's order. */
  async function rowsOf(ids: string[]): Promise<IndexedMerchant[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom("merchant_index")
      .select([...COLUMNS])
      .where("account_id", "in", ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.account_id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r ? [toMerchant(r)] : [];
    });
  }

  async function writeRows(exec: Kysely<Database>, rows: Insertable<MerchantIndexTable>[], guardSince: string | null) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await exec
        .insertInto("merchant_index")
        .values(rows.slice(i, i + BATCH))
        .onConflict((oc) => {
          const update = oc.column("account_id").doUpdateSet((eb) => ({
            external_account_id: eb.ref("excluded.external_account_id"),
            brand: eb.ref("excluded.brand"),
            brand_key: eb.ref("excluded.brand_key"),
            country_code: eb.ref("excluded.country_code"),
            store_identifier: eb.ref("excluded.store_identifier"),
            vertical_id: eb.ref("excluded.vertical_id"),
            sub_vertical_id: eb.ref("excluded.sub_vertical_id"),
            status: eb.ref("excluded.status"),
            created_at: eb.ref("excluded.created_at"),
            updated_at: eb.ref("excluded.updated_at"),
            search: eb.ref("excluded.search"),
            ids: eb.ref("excluded.ids"),
            seen_at: eb.ref("excluded.seen_at"),
            local_at: guardSince === null ? eb.ref("excluded.local_at") : eb.ref("merchant_index.local_at"),
          }));
          // A sync never overwrites what the console itself wrote after the sync started.
          return guardSince === null
            ? update
            : update.where((eb) =>
                eb.or([eb("merchant_index.local_at", "is", null), eb("merchant_index.local_at", "<", guardSince)]),
              );
        })
        .execute();
    }
  }

  return {
    async search(query) {
      const limit = Math.min(100, Math.max(1, Math.trunc(query.limit ?? 25)));
      const offset = Math.max(0, Math.trunc(query.offset ?? 0));
      const { dir } = ordered(query);
      const text = textOf(query.q);
      const v = await version();
      // Counting a search visits every match: counts are kept per index version (typing the same
      // first letters, paging, sorting and re-filtering reuse them).
      const countKey = text
        ? JSON.stringify([v, text.words, text.id, query.status, query.country?.toUpperCase(), query.vertical])
        : "";
      let total = text ? textCounts.get(countKey) : await facetCount(query, v);
      if (text && total === undefined && dialect === "postgres" && offset < SHALLOW) {
        // Not known yet on PostgreSQL: the page's keys are read at the same time, from the words
        // index, on a second connection.
        const [n, keys] = await Promise.all([
          textCount(text, query),
          pageRows(query, text, "text", { offset, limit, dir }, false),
        ]);
        rememberCount(countKey, n);
        return { rows: await rowsOf(keys.map((r) => r.account_id)), total: n };
      }
      if (total === undefined && text) {
        total = await textCount(text, query);
        rememberCount(countKey, total);
      }
      total ??= 0;
      if (offset >= total) return { rows: [], total };
      // The far half of the list is read backwards: the last page costs what the first does.
      const reverse = offset + limit / 2 > total / 2;
      const page: Page = reverse
        ? {
            offset: Math.max(0, total - offset - limit),
            limit: Math.min(limit, total - offset),
            dir: dir === "asc" ? "desc" : "asc",
          }
        : { offset, limit, dir };
      let strategy: Strategy = "plain";
      if (text) {
        const walkCost = ((page.offset + page.limit) * (await facetCount(query, v))) / total;
        strategy = total > TEXT_FIRST_MAX && walkCost < total ? "walk" : "text";
      }
      // (PostgreSQL's text matches come as keys from the words index: their rows are read by key.)
      const deep = page.offset >= SHALLOW || (dialect === "postgres" && strategy === "text");
      const found = await pageRows(query, text, strategy, page, !deep);
      const rows = deep ? await rowsOf(found.map((r) => r.account_id)) : found.map(toMerchant);
      if (reverse) rows.reverse();
      return { rows, total };
    },

    async *scan(filter, opts = {}) {
      const chunkSize = Math.min(5000, Math.max(1, opts.chunkSize ?? 1000));
      const { column, dir } = ordered(filter);
      let after: { key: string; id: string } | null = null;
      for (;;) {
        const text = textOf(filter.q);
        let q = filtered(filter).select([...COLUMNS, `${column} as sort_key`]);
        if (text) q = q.where(textIndexed(text));
        if (after) {
          const { key, id } = after;
          q = q.where((eb: Eb) => eb(eb.refTuple(column, "account_id"), dir === "asc" ? ">" : "<", eb.tuple(key, id)));
        }
        const rows = await q.orderBy(column, dir).orderBy("account_id", dir).limit(chunkSize).execute();
        if (rows.length === 0) return;
        yield rows.map(toMerchant);
        if (rows.length < chunkSize) return;
        const last = rows[rows.length - 1]!;
        after = { key: String(last.sort_key), id: last.account_id };
      }
    },

    async get(accountId) {
      const row = await db
        .selectFrom("merchant_index")
        .select([...COLUMNS])
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return row && toMerchant(row);
    },

    async count() {
      const row = await db
        .selectFrom("merchant_index")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async countries() {
      const rows = await db
        .selectFrom("merchant_index")
        .select("country_code")
        .distinct()
        .orderBy("country_code")
        .execute();
      return rows.map((r) => r.country_code);
    },

    async applySyncPage(accounts, syncStartedAt) {
      const listed = [...new Map(accounts.map((a) => [a.account_id, fromListed(a)])).values()];
      if (listed.length === 0) return { added: 0, changed: 0 };
      const seenAt = nowIso();
      return db.transaction().execute(async (trx) => {
        const existing = new Map<string, { merchant: IndexedMerchant; localAt: string | null }>();
        for (let i = 0; i < listed.length; i += BATCH) {
          const ids = listed.slice(i, i + BATCH).map((m) => m.accountId);
          const rows = await trx
            .selectFrom("merchant_index")
            .select([...COLUMNS, "local_at"])
            .where("account_id", "in", ids)
            .execute();
          for (const r of rows) existing.set(r.account_id, { merchant: toMerchant(r), localAt: r.local_at });
        }
        let added = 0;
        let changed = 0;
        const write: Insertable<MerchantIndexTable>[] = [];
        const seenOnly: string[] = [];
        for (const m of listed) {
          const e = existing.get(m.accountId);
          if (!e) {
            added++;
            write.push(toInsert(m, seenAt, null));
          } else if ((e.localAt !== null && e.localAt >= syncStartedAt) || same(e.merchant, m)) {
            seenOnly.push(m.accountId);
          } else {
            changed++;
            write.push(toInsert(m, seenAt, e.localAt));
          }
        }
        await writeRows(trx, write, syncStartedAt);
        if (write.length > 0) await bumpVersion(trx);
        for (let i = 0; i < seenOnly.length; i += BATCH) {
          await trx
            .updateTable("merchant_index")
            .set({ seen_at: seenAt })
            .where("account_id", "in", seenOnly.slice(i, i + BATCH))
            .execute();
        }
        return { added, changed };
      });
    },

    async removeUnseen(syncStartedAt) {
      return db.transaction().execute(async (trx) => {
        const r = await trx.deleteFrom("merchant_index").where("seen_at", "<", syncStartedAt).executeTakeFirst();
        const removed = Number(r.numDeletedRows);
        if (removed > 0) await bumpVersion(trx);
        return removed;
      });
    },

    async upsertLocal(merchant) {
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        await writeRows(trx, [toInsert(merchant, at, at)], null);
        await bumpVersion(trx);
      });
    },

    async setStatusLocal(accountId, status) {
      const at = nowIso();
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable("merchant_index")
          .set({ status, updated_at: at, local_at: at, seen_at: at })
          .where("account_id", "=", accountId)
          .executeTakeFirst();
        const updated = Number(r.numUpdatedRows) > 0;
        if (updated) await bumpVersion(trx);
        return updated;
      });
    },

    async syncState() {
      const row = await db.selectFrom("merchant_sync_state").selectAll().where("name", "=", STATE).executeTakeFirst();
      return toState(row);
    },

    async syncStarted(startedAt) {
      await db
        .insertInto("merchant_sync_state")
        .values({ name: STATE, started_at: startedAt, heartbeat_at: startedAt })
        .onConflict((oc) => oc.column("name").doUpdateSet({ started_at: startedAt, heartbeat_at: startedAt }))
        .execute();
    },

    async syncHeartbeat() {
      await db.updateTable("merchant_sync_state").set({ heartbeat_at: nowIso() }).where("name", "=", STATE).execute();
    },

    async syncFinished(outcome) {
      const at = nowIso();
      const patch = outcome.ok
        ? {
            finished_at: at,
            heartbeat_at: at,
            ok_started_at: outcome.startedAt,
            ok_at: at,
            error: null,
            seen: outcome.seen,
            added: outcome.added,
            changed: outcome.changed,
            removed: outcome.removed,
            duration_ms: Math.max(0, Date.parse(at) - Date.parse(outcome.startedAt)),
          }
        : { finished_at: at, heartbeat_at: at, error: outcome.error.slice(0, 1000) };
      await db
        .insertInto("merchant_sync_state")
        .values({ name: STATE, ...patch })
        .onConflict((oc) => oc.column("name").doUpdateSet(patch))
        .execute();
    },

    async analyze() {
      if (dialect === "sqlite") {
        // Merges the FTS segments a large sync leaves behind, then refreshes the planner's statistics.
        await sql`insert into merchant_fts(merchant_fts) values ('optimize')`.execute(db);
        await sql`analyze merchant_index`.execute(db);
      } else {
        // VACUUM also marks the pages all-visible, so counts and page walks stay index-only.
        await sql`vacuum (analyze) merchant_index, merchant_words`.execute(db);
      }
    },
  };
}
