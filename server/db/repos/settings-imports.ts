import "server-only";
import type { Kysely, Selectable } from "kysely";
import type { Database, TaxonomyVersionsTable } from "../schema";
import type {
  ControlsSeenRepo,
  LayoutImportRepo,
  LayoutRow,
  TaxonomyVersionInfo,
  TaxonomyVersionRow,
  TaxonomyVersionsRepo,
} from "../types";
import { nowIso } from "../util";
import { toPageRow, upsertPages } from "./knowledge";

/** Taxonomy versions, the merchants' blocked pairs as last seen, and the layout import (Settings, issue #11). */

function summaryOf(text: string | null): TaxonomyVersionRow["summary"] {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as TaxonomyVersionRow["summary"];
    return v && typeof v === "object" ? v : null;
  } catch {
    return null;
  }
}
function info(r: Omit<Selectable<TaxonomyVersionsTable>, "csv">): TaxonomyVersionInfo {
  return {
    version: Number(r.version),
    source: r.source === "seed" ? "seed" : "import",
    summary: summaryOf(r.summary_json),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}
function isUniqueViolation(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? "");
  return code === "23505" || code.startsWith("SQLITE_CONSTRAINT");
}

export function taxonomyVersionsRepo(db: Kysely<Database>): TaxonomyVersionsRepo {
  const get = async (version: number) => {
    const r = await db.selectFrom("taxonomy_versions").selectAll().where("version", "=", version).executeTakeFirst();
    return r ? { ...info(r), csv: r.csv } : undefined;
  };
  const currentVersion = async () => {
    const r = await db
      .selectFrom("taxonomy_versions")
      .select((eb) => eb.fn.max("version").as("v"))
      .executeTakeFirst();
    return r?.v === null || r?.v === undefined ? null : Number(r.v);
  };
  return {
    currentVersion,
    get,
    async current() {
      const v = await currentVersion();
      return v === null ? undefined : get(v);
    },
    async list() {
      const rows = await db
        .selectFrom("taxonomy_versions")
        .select(["version", "source", "summary_json", "created_by", "created_at"])
        .orderBy("version", "desc")
        .limit(200)
        .execute();
      return rows.map(info);
    },
    async add(input, baseVersion) {
      const next = (baseVersion ?? 0) + 1;
      try {
        // The primary key makes "next version" a compare-and-set: of two imports on one base, one wins.
        return await db.transaction().execute(async (trx) => {
          const cur = await trx
            .selectFrom("taxonomy_versions")
            .select((eb) => eb.fn.max("version").as("v"))
            .executeTakeFirst();
          const now = cur?.v === null || cur?.v === undefined ? null : Number(cur.v);
          if (now !== baseVersion) return undefined;
          const row = {
            version: next,
            csv: input.csv,
            source: input.source,
            summary_json: input.summary ? JSON.stringify(input.summary) : null,
            created_by: input.createdBy,
            created_at: nowIso(),
          };
          await trx.insertInto("taxonomy_versions").values(row).execute();
          return { ...info(row), csv: row.csv };
        });
      } catch (err) {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },
  };
}

export function controlsSeenRepo(db: Kysely<Database>): ControlsSeenRepo {
  return {
    async record(accountId, blocked) {
      const row = { account_id: accountId, blocked_json: JSON.stringify(blocked), seen_at: nowIso() };
      await db
        .insertInto("merchant_controls_seen")
        .values(row)
        .onConflict((oc) =>
          oc.column("account_id").doUpdateSet({ blocked_json: row.blocked_json, seen_at: row.seen_at }),
        )
        .execute();
    },
    async all(max = 100_000) {
      const rows = await db.selectFrom("merchant_controls_seen").selectAll().orderBy("account_id").limit(max).execute();
      return rows.map((r) => {
        let blocked: [number, number][] = [];
        try {
          const v = JSON.parse(r.blocked_json);
          if (Array.isArray(v)) blocked = v.filter((p) => Array.isArray(p) && p.length === 2);
        } catch {
          blocked = [];
        }
        return { accountId: r.account_id, blocked, seenAt: r.seen_at };
      });
    },
    async count() {
      const r = await db
        .selectFrom("merchant_controls_seen")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
  };
}

const SCAN_PAGE = 1000;
const IN_BATCH = 500;

export function layoutImportRepo(db: Kysely<Database>): LayoutImportRepo {
  const toRow = (r: Selectable<Database["knowledge_pages"]>): LayoutRow => ({
    accountId: r.account_id,
    pageId: r.page_id,
    layoutId: r.layout_id,
    surface: r.surface,
    layoutType: r.layout_type,
  });
  return {
    async pagesOf(accountIds) {
      const out: LayoutRow[] = [];
      const ids = [...new Set(accountIds)];
      for (let i = 0; i < ids.length; i += IN_BATCH) {
        const rows = await db
          .selectFrom("knowledge_pages")
          .selectAll()
          .where("account_id", "in", ids.slice(i, i + IN_BATCH))
          .orderBy("account_id")
          .orderBy("page_id")
          .execute();
        out.push(...rows.map(toRow));
      }
      return out;
    },
    async *scan() {
      let after: { a: string; p: string } | null = null;
      for (;;) {
        let q = db.selectFrom("knowledge_pages").selectAll().orderBy("account_id").orderBy("page_id").limit(SCAN_PAGE);
        if (after) {
          const { a, p } = after;
          q = q.where((eb) =>
            eb.or([eb("account_id", ">", a), eb.and([eb("account_id", "=", a), eb("page_id", ">", p)])]),
          );
        }
        const rows = await q.execute();
        for (const r of rows) yield toRow(r);
        const last = rows.at(-1);
        if (!last || rows.length < SCAN_PAGE) return;
        after = { a: last.account_id, p: last.page_id };
      }
    },
    async apply(upserts, removals) {
      const at = nowIso();
      const rows = upserts.map((r) =>
        toPageRow(
          r.accountId,
          { page_id: r.pageId, surface: r.surface, layout_id: r.layoutId, layout_type: r.layoutType },
          at,
        ),
      );
      await db.transaction().execute(async (trx) => {
        for (const r of removals) {
          await trx
            .deleteFrom("knowledge_pages")
            .where("account_id", "=", r.accountId)
            .where("page_id", "=", r.pageId)
            .execute();
        }
        if (rows.length > 0) await upsertPages(trx, rows);
      });
    },
  };
}
