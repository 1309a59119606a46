import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../test-harness";
import { auditCsv, auditQueryOf } from "./admin";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ seedMerchants: 2 });
});
afterAll(async () => {
  await h.close();
});

describe("audit filters and export", () => {
  it("maps named actions to prefixes and whole UTC days to a time range", () => {
    expect(
      auditQueryOf({ action: "register", from: "2026-03-01", to: "2026-03-02", user: " Admin@Demo.test " }),
    ).toMatchObject({
      action: ["merchant.register", "onboarding.register"],
      from: "2026-03-01T00:00:00.000Z",
      to: "2026-03-02T23:59:59.999Z",
      userEmail: "admin@demo.test",
    });
    expect(auditQueryOf({ userEmail: "x@y.z" }).userEmail).toBe("x@y.z");
  });

  it("exports the filtered entries as CSV, quoting what needs it and defusing formulas", async () => {
    await h.db.audit.append({
      userId: "u",
      userEmail: "csv@demo.test",
      role: "admin",
      action: "merchant.status.update",
      merchantId: "1234567890123456",
      outcome: "failure",
      message: '=HYPERLINK("x"), with "quotes"',
      operationId: "op_csv",
      before: { status: "active" },
    });
    await h.db.audit.append({
      userId: "u2",
      userEmail: "other@demo.test",
      role: "admin",
      action: "merchant.status.update",
      outcome: "success",
    });
    const { csv, rows, truncated } = await auditCsv(h.db, { user: "csv@demo.test" });
    expect(rows).toBe(1);
    expect(truncated).toBe(false);
    const [header, line] = csv.trimEnd().split("\r\n");
    expect(header).toBe(
      "time,user,role,action,merchant,outcome,http_status,message,request_id,operation_id,idempotency_key,ip,request,before,after",
    );
    expect(line).toContain(`,"'=HYPERLINK(""x""), with ""quotes""",`);
    expect(line).toContain(`op_csv`);
    expect(line).toContain(`"{""status"":""active""}"`);
  });

  it("answers GET /api/audit with the same filters, and refuses bad dates", async () => {
    h.as(h.users.admin);
    const ok = await h.call("GET", "/api/audit?user=csv%40demo.test&action=status");
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.data.entries.map((e: { userEmail: string }) => e.userEmail)).toEqual(["csv@demo.test"]);
    const bad = await h.call("GET", "/api/audit?from=yesterday");
    expect(bad.status).toBe(400);
  });
});
