import "server-only";
import type { Kysely } from "kysely";
import { type LayoutType, layoutType, type Surface, surface } from "@/lib/partnerships/formats";
import { InvalidInputError } from "../errors";
import type { Database } from "../schema";
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

function checkPage(p: PageInput): { surface: Surface; layoutType: LayoutType } {
  const s = surface.safeParse(p.surface);
  const t = layoutType.safeParse(p.layout_type);
  if (!s.success) throw new InvalidInputError(`surface ${p.surface} ${s.error.issues[0]?.message}`);
  if (!t.success) throw new InvalidInputError(`layout_type ${p.layout_type} ${t.error.issues[0]?.message}`);
  if (!p.page_id || !p.layout_id) throw new InvalidInputError("page_id and layout_id are required");
  return { surface: s.data, layoutType: t.data };
}

function asTheme(value: unknown): Record<string, string | number> | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

/** The page with its current layout; the layout row keeps its theme across switches. */
async function upsertPage(db: Kysely<Database>, accountId: string, p: PageInput, at: string): Promise<void> {
  const { surface: s, layoutType: t } = checkPage(p);
  await db
    .insertInto("knowledge_pages")
    .values({
      account_id: accountId,
      page_id: p.page_id,
      surface: s,
      layout_id: p.layout_id,
      layout_type: t,
      page_identifier: p.page_identifier ?? null,
      updated_at: at,
    })
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
  await upsertLayout(db, accountId, p.layout_id, p.page_id, t, null, at);
}

async function upsertLayout(
  db: Kysely<Database>,
  accountId: string,
  layoutId: string,
  pageId: string,
  type: LayoutType,
  themeJson: string | null,
  at: string,
): Promise<void> {
  await db
    .insertInto("knowledge_layouts")
    .values({
      account_id: accountId,
      layout_id: layoutId,
      page_id: pageId,
      layout_type: type,
      theme_json: themeJson,
      updated_at: at,
    })
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
      await db.transaction().execute(async (trx) => {
        for (const p of pages) await upsertPage(trx, accountId, p, at);
      });
    },

    async recordLayoutSwitch(accountId, page) {
      const at = nowIso();
      await db.transaction().execute((trx) => upsertPage(trx, accountId, page, at));
    },

    async recordTheme(accountId, layoutId, pageId, type, theme) {
      const t = layoutType.safeParse(type);
      if (!t.success) throw new InvalidInputError(`layout_type ${type} ${t.error.issues[0]?.message}`);
      await db.transaction().execute(async (trx) => {
        // Tokens merge over what was known, so a sparse answer (or the tokens the console sent) keeps the rest.
        const existing = await trx
          .selectFrom("knowledge_layouts")
          .select("theme_json")
          .where("account_id", "=", accountId)
          .where("layout_id", "=", layoutId)
          .executeTakeFirst();
        const merged = { ...(asTheme(fromJsonText(existing?.theme_json ?? null)) ?? {}), ...theme };
        await upsertLayout(trx, accountId, layoutId, pageId, t.data, toJsonText(merged), nowIso());
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
      const order = (s: string) => ["confirmation", "tracking", "returns"].indexOf(s);
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
          .sort((a, b) => order(a.surface) - order(b.surface)),
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
      const CHUNK = 500;
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db.transaction().execute(async (trx) => {
          for (const r of rows.slice(i, i + CHUNK)) {
            await upsertPage(
              trx,
              r.accountId,
              { page_id: r.pageId, surface: r.surface, layout_id: r.layoutId, layout_type: r.layoutType },
              at,
            );
          }
        });
      }
      return { imported: rows.length, errors };
    },

    async isEmpty() {
      const row = await db.selectFrom("knowledge_pages").select("page_id").limit(1).executeTakeFirst();
      return row === undefined;
    },
  };
}
