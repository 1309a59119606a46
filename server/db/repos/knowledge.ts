import "server-only";
import type { Insertable, Kysely } from "kysely";
import { type LayoutType, layoutType, surface } from "@/lib/partnerships/formats";
import { InvalidInputError } from "../errors";
import type { Database, KnowledgeLayoutsTable, KnowledgePagesTable } from "../schema";
import type { KnowledgeRepo, KnownLayout, KnownPage } from "../types";
import { fromJsonText, nowIso, toJsonText } from "../util";
import { parseKnowledgeCsv } from "./knowledge-csv";

type PageInput = {
  page_id: string;
  surface: string;
  layout_id: string;
  layout_type: string;
  page_identifier?: string | null;
};

/** Rows per statement: 7 parameters each stays far below SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;
const SURFACE_ORDER = ["confirmation", "tracking", "returns"];

export function toPageRow(accountId: string, p: PageInput, at: string): Insertable<KnowledgePagesTable> {
  const s = surface.safeParse(p.surface);
  const t = layoutType.safeParse(p.layout_type);
  if (!s.success) throw new InvalidInputError(`surface ${p.surface} ${s.error.issues[0]?.message}`);
  if (!t.success) throw new InvalidInputError(`layout_type ${p.layout_type} ${t.error.issues[0]?.message}`);
  if (!accountId || !p.page_id || !p.layout_id)
    throw new InvalidInputError("account_id, page_id and layout_id are required");
  return {
    account_id: accountId,
    page_id: p.page_id,
    surface: s.data,
    layout_id: p.layout_id,
    layout_type: t.data,
    page_identifier: p.page_identifier ?? null,
    updated_at: at,
  };
}

function asTheme(value: unknown): Record<string, string | number> | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

/** Last one wins per key: one statement must not touch the same row twice (PostgreSQL refuses). */
function lastPerKey<T>(rows: T[], key: (r: T) => string): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

/**
 * Pages with their current layout, in batches. A layout row is created or
 * re-pointed but keeps its theme, so switching back to a type brings its theme back.
 */
export async function upsertPages(db: Kysely<Database>, rows: Insertable<KnowledgePagesTable>[]): Promise<void> {
  const pages = lastPerKey(rows, (r) => `${r.account_id}\u0000${r.page_id}`);
  for (let i = 0; i < pages.length; i += BATCH) {
    const chunk = pages.slice(i, i + BATCH);
    await db
      .insertInto("knowledge_pages")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["account_id", "page_id"]).doUpdateSet((eb) => ({
          surface: eb.ref("excluded.surface"),
          layout_id: eb.ref("excluded.layout_id"),
          layout_type: eb.ref("excluded.layout_type"),
          page_identifier: eb.fn.coalesce("excluded.page_identifier", "knowledge_pages.page_identifier"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
    const layouts = lastPerKey(
      chunk.map(
        (p): Insertable<KnowledgeLayoutsTable> => ({
          account_id: p.account_id,
          layout_id: p.layout_id,
          page_id: p.page_id,
          layout_type: p.layout_type,
          theme_json: null,
          updated_at: p.updated_at,
        }),
      ),
      (l) => `${l.account_id}\u0000${l.layout_id}`,
    );
    await upsertLayouts(db, layouts);
  }
}

async function upsertLayouts(db: Kysely<Database>, rows: Insertable<KnowledgeLayoutsTable>[]): Promise<void> {
  await db
    .insertInto("knowledge_layouts")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["account_id", "layout_id"]).doUpdateSet((eb) => ({
        page_id: eb.ref("excluded.page_id"),
        layout_type: eb.ref("excluded.layout_type"),
        theme_json: eb.fn.coalesce("excluded.theme_json", "knowledge_layouts.theme_json"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
}

export function knowledgeRepo(db: Kysely<Database>): KnowledgeRepo {
  return {
    async recordPages(accountId, pages) {
      const at = nowIso();
      const rows = pages.map((p) => toPageRow(accountId, p, at));
      if (rows.length > 0) await db.transaction().execute((trx) => upsertPages(trx, rows));
    },

    async recordLayoutSwitch(accountId, page) {
      const row = toPageRow(accountId, page, nowIso());
      await db.transaction().execute((trx) => upsertPages(trx, [row]));
    },

    async recordTheme(accountId, layoutId, pageId, type, theme) {
      const t = layoutType.safeParse(type);
      if (!t.success) throw new InvalidInputError(`layout_type ${type} ${t.error.issues[0]?.message}`);
      const layoutTypeValue: LayoutType = t.data;
      await db.transaction().execute(async (trx) => {
        // Tokens merge over what was known, so a sparse answer (or the tokens the console sent) keeps the rest.
        const existing = await trx
          .selectFrom("knowledge_layouts")
          .select("theme_json")
          .where("account_id", "=", accountId)
          .where("layout_id", "=", layoutId)
          .executeTakeFirst();
        const merged = { ...(asTheme(fromJsonText(existing?.theme_json ?? null)) ?? {}), ...theme };
        await upsertLayouts(trx, [
          {
            account_id: accountId,
            layout_id: layoutId,
            page_id: pageId,
            layout_type: layoutTypeValue,
            theme_json: toJsonText(merged),
            updated_at: nowIso(),
          },
        ]);
      });
    },

    async get(accountId) {
      const [pages, layouts] = await Promise.all([
        db.selectFrom("knowledge_pages").selectAll().where("account_id", "=", accountId).orderBy("page_id").execute(),
        db
          .selectFrom("knowledge_layouts")
          .selectAll()
          .where("account_id", "=", accountId)
          .orderBy("layout_id")
          .execute(),
      ]);
      return {
        accountId,
        pages: pages
          .map(
            (p): KnownPage => ({
              pageId: p.page_id,
              surface: p.surface as KnownPage["surface"],
              layoutId: p.layout_id,
              layoutType: p.layout_type as KnownPage["layoutType"],
              pageIdentifier: p.page_identifier,
              updatedAt: p.updated_at,
            }),
          )
          .sort((a, b) => SURFACE_ORDER.indexOf(a.surface) - SURFACE_ORDER.indexOf(b.surface)),
        layouts: layouts.map(
          (l): KnownLayout => ({
            layoutId: l.layout_id,
            pageId: l.page_id,
            layoutType: l.layout_type as KnownLayout["layoutType"],
            theme: asTheme(fromJsonText(l.theme_json)),
            updatedAt: l.updated_at,
          }),
        ),
      };
    },

    async importCsv(csv) {
      const { rows, errors } = parseKnowledgeCsv(csv);
      const at = nowIso();
      const pageRows = rows.map((r) =>
        toPageRow(
          r.accountId,
          { page_id: r.pageId, surface: r.surface, layout_id: r.layoutId, layout_type: r.layoutType },
          at,
        ),
      );
      // One transaction per batch keeps a huge import from holding the write lock for long.
      for (let i = 0; i < pageRows.length; i += BATCH) {
        const chunk = pageRows.slice(i, i + BATCH);
        await db.transaction().execute((trx) => upsertPages(trx, chunk));
      }
      return { imported: rows.length, errors };
    },

    async isEmpty() {
      const row = await db.selectFrom("knowledge_pages").select("page_id").limit(1).executeTakeFirst();
      return row === undefined;
    },
  };
}
