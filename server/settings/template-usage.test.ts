import { afterEach, describe, expect, it } from "vitest";
import { BACKENDS, type TestDatabase } from "@/server/db/test-backends";
import { templateViews } from "./template-usage";

const [sqlite] = BACKENDS;
describe.each(sqlite ? [sqlite] : [])("template usage on $name", (backend) => {
  let t: TestDatabase;
  afterEach(async () => {
    await t?.cleanup();
  });

  it("adds up onboarding drafts and bulk jobs still to run per template", async () => {
    t = await backend.create();
    const db = await t.open();
    const a = await db.templates.create({ name: "A", blocked: [], domainsText: "", createdBy: null });
    const b = await db.templates.create({ name: "B", blocked: [], domainsText: "", createdBy: null });
    await db.onboarding.createDraft("u1", { controls: { blocked: [], domainsText: "", templateId: a.id } });
    const job = (templateId: string) =>
      db.bulk.createJob({
        action: "block",
        params: { action: "block", pairs: [], domains: ["example.com"], templateId },
        selection: { kind: "ids", accountIds: ["1"] },
        createdBy: null,
        merchants: [{ accountId: "1", brand: "One" }],
      });
    await job(a.id);
    const paused = await job(a.id);
    await db.bulk.setStatus(paused.id, "paused", ["running"]);
    // A job that ended no longer uses its template.
    const ended = await job(b.id);
    await db.bulk.setStatus(ended.id, "completed", ["running"]);

    const views = await templateViews(db, await db.templates.list());
    expect(views.map((v) => [v.name, v.uses])).toEqual([
      ["A", { total: 3, byKind: { onboarding_drafts: 1, bulk_jobs: 2 } }],
      ["B", { total: 0, byKind: { onboarding_drafts: 0, bulk_jobs: 0 } }],
    ]);
  });
});
