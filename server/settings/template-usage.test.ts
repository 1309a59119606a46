import { afterEach, describe, expect, it } from "vitest";
import { BACKENDS, type TestDatabase } from "@/server/db/test-backends";
import { TEMPLATE_USAGE_COUNTERS, templateViews } from "./template-usage";

const [sqlite] = BACKENDS;
describe.each(sqlite ? [sqlite] : [])("template usage on $name", (backend) => {
  let t: TestDatabase;
  afterEach(async () => {
    delete TEMPLATE_USAGE_COUNTERS.bulk_jobs;
    await t?.cleanup();
  });

  it("adds up every registered counter per template (drafts, and whatever another feature registers)", async () => {
    t = await backend.create();
    const db = await t.open();
    const a = await db.templates.create({ name: "A", blocked: [], domainsText: "", createdBy: null });
    const b = await db.templates.create({ name: "B", blocked: [], domainsText: "", createdBy: null });
    await db.onboarding.createDraft("u1", { controls: { blocked: [], domainsText: "", templateId: a.id } });
    TEMPLATE_USAGE_COUNTERS.bulk_jobs = async (_db, ids) => new Map(ids.map((id) => [id, id === a.id ? 3 : 0]));
    const views = await templateViews(db, await db.templates.list());
    expect(views.map((v) => [v.name, v.uses])).toEqual([
      ["A", { total: 4, byKind: { onboarding_drafts: 1, bulk_jobs: 3 } }],
      ["B", { total: 0, byKind: { onboarding_drafts: 0, bulk_jobs: 0 } }],
    ]);
    expect(b.id).not.toBe(a.id);
  });
});
