import "server-only";
import type { TemplateView } from "@/lib/settings/templates";
import type { ConsoleDb, ControlsTemplateRow } from "@/server/db/types";

/**
 * Where controls templates are used, in one place: each counter answers, for a
 * list of template ids, how many places of its kind start from each. Deleting a
 * template shows the total. Bulk jobs (another part of Settings) add their counter
 * to TEMPLATE_USAGE_COUNTERS.
 */
export type TemplateUsageCounter = (db: ConsoleDb, ids: readonly string[]) => Promise<Map<string, number>>;

export const TEMPLATE_USAGE_COUNTERS: Record<string, TemplateUsageCounter> = {
  /** Onboarding drafts in progress whose controls started from the template. */
  onboarding_drafts: (db, ids) => db.templates.draftUses(ids),
  /** Bulk jobs still to run (running or paused) whose blocks started from the template. */
  bulk_jobs: async (db, ids) => {
    const out = new Map<string, number>();
    for (const id of ids) {
      const row = await db.kysely
        .selectFrom("bulk_jobs")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("status", "in", ["running", "paused"])
        .where("params_json", "like", `%"templateId":${JSON.stringify(id)}%`)
        .executeTakeFirst();
      out.set(id, Number(row?.n ?? 0));
    }
    return out;
  },
};

export const USAGE_LABELS: Record<string, string> = { onboarding_drafts: "onboarding drafts", bulk_jobs: "bulk jobs" };

export async function templateUsage(
  db: ConsoleDb,
  ids: readonly string[],
): Promise<Map<string, { total: number; byKind: Record<string, number> }>> {
  const out = new Map(ids.map((id) => [id, { total: 0, byKind: {} as Record<string, number> }]));
  for (const [kind, count] of Object.entries(TEMPLATE_USAGE_COUNTERS)) {
    const counts = await count(db, ids);
    for (const id of ids) {
      const n = counts.get(id) ?? 0;
      const u = out.get(id);
      if (!u) continue;
      u.byKind[kind] = n;
      u.total += n;
    }
  }
  return out;
}

/** Templates as the settings page and API show them, each with its uses. */
export async function templateViews(db: ConsoleDb, rows: ControlsTemplateRow[]): Promise<TemplateView[]> {
  const usage = await templateUsage(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    blocked: r.blocked,
    domainsText: r.domainsText,
    createdBy: r.createdBy,
    updatedAt: r.updatedAt,
    uses: usage.get(r.id) ?? { total: 0, byKind: {} },
  }));
}
