import "server-only";
import type { Kysely, Selectable } from "kysely";
import { DuplicateError } from "../errors";
import type { ControlsTemplatesTable, Database } from "../schema";
import type { ControlsTemplateRow, TemplatesRepo } from "../types";
import { newId, nowIso } from "../util";

/**
 * The one owner of the controls_templates table: Settings → Templates edits by
 * id, the onboarding wizard lists and saves by name, the bulk dialog lists.
 */

function toTemplate(r: Selectable<ControlsTemplatesTable>): ControlsTemplateRow {
  let blocked: unknown = [];
  try {
    blocked = JSON.parse(r.blocked_json);
  } catch {
    blocked = [];
  }
  return {
    id: r.id,
    name: r.name,
    blocked: Array.isArray(blocked) ? (blocked as ControlsTemplateRow["blocked"]) : [],
    domainsText: r.domains_text,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The unique index on name is the authority (two admins saving one name at once): its violation → DuplicateError. */
function isUniqueViolation(err: unknown): boolean {
  const code = String((err as { code?: unknown }).code ?? "");
  return code === "23505" || code.startsWith("SQLITE_CONSTRAINT");
}
/** A new row of the table, as both create and saveByName insert it. */
function newRow(input: Pick<ControlsTemplateRow, "name" | "blocked" | "domainsText" | "createdBy">) {
  const now = nowIso();
  return {
    id: newId(),
    name: input.name,
    blocked_json: JSON.stringify(input.blocked),
    domains_text: input.domainsText,
    created_by: input.createdBy,
    created_at: now,
    updated_at: now,
  };
}

const duplicate = (name: string) => new DuplicateError(`a template named “${name}” already exists`);

/** How a draft names the template it started from (lib/onboarding/draft.ts controls.templateId), as stored JSON text. */
const draftMarker = (id: string) => `%"templateId":${JSON.stringify(id)}%`;

export function templatesRepo(db: Kysely<Database>): TemplatesRepo {
  const get = async (id: string) => {
    const row = await db.selectFrom("controls_templates").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toTemplate(row) : undefined;
  };
  return {
    async list() {
      const rows = await db.selectFrom("controls_templates").selectAll().orderBy("name").limit(500).execute();
      return rows.map(toTemplate);
    },
    get,
    async create(input) {
      const row = newRow(input);
      try {
        await db.insertInto("controls_templates").values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate(input.name);
        throw err;
      }
      return (await get(row.id)) as ControlsTemplateRow;
    },
    async saveByName(input) {
      const row = newRow(input);
      const now = row.updated_at;
      // The unique index on name decides between two saves of one name: the later one's content wins.
      await db
        .insertInto("controls_templates")
        .values(row)
        .onConflict((oc) =>
          oc.column("name").doUpdateSet({
            blocked_json: row.blocked_json,
            domains_text: row.domains_text,
            updated_at: now,
          }),
        )
        .execute();
      const saved = await db
        .selectFrom("controls_templates")
        .selectAll()
        .where("name", "=", input.name)
        .executeTakeFirstOrThrow();
      return toTemplate(saved);
    },
    async update(id, input) {
      try {
        const res = await db
          .updateTable("controls_templates")
          .set({
            name: input.name,
            blocked_json: JSON.stringify(input.blocked),
            domains_text: input.domainsText,
            updated_at: nowIso(),
          })
          .where("id", "=", id)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) return undefined;
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate(input.name);
        throw err;
      }
      return get(id);
    },
    async delete(id) {
      const res = await db.deleteFrom("controls_templates").where("id", "=", id).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
    async draftUses(ids) {
      const out = new Map<string, number>();
      for (const id of ids) {
        const row = await db
          .selectFrom("onboarding_drafts")
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .where("status", "=", "draft")
          .where("data_json", "like", draftMarker(id))
          .executeTakeFirst();
        out.set(id, Number(row?.n ?? 0));
      }
      return out;
    },
  };
}
