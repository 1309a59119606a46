import { describe, expect, it } from "vitest";
import { mergeControls } from "./merge";
import { bulkDialogTitle, bulkJobBody, jobProgress } from "./schemas";

describe("bulk names", () => {
  it("names each dialog after its action and count, singular for one", () => {
    expect(bulkDialogTitle("pause", 37)).toBe("Pause 37 merchants");
    expect(bulkDialogTitle("resume", 1)).toBe("Resume 1 merchant");
    expect(bulkDialogTitle("block", 2)).toBe("Block verticals and domains for 2 merchants");
    expect(bulkDialogTitle("unblock", 1)).toBe("Unblock verticals and domains for 1 merchant");
    expect(bulkDialogTitle("pause", 1200)).toBe("Pause 1,200 merchants");
  });

  it("counts progress in whole percent of settled merchants", () => {
    expect(jobProgress({ total: 3, done: 1, failed: 0, skipped: 0, remaining: 2 })).toBe(33);
    expect(jobProgress({ total: 3, done: 1, failed: 1, skipped: 1, remaining: 0 })).toBe(100);
  });
});

describe("bulk body", () => {
  const ids = { kind: "ids", accountIds: ["1234567890123456"] };
  it("needs a reason for pause and resume, and something to block", () => {
    const noReason = bulkJobBody.safeParse({ params: { action: "pause", reason: "  " }, selection: ids });
    expect(noReason.success).toBe(false);
    const nothing = bulkJobBody.safeParse({ params: { action: "block", pairs: [], domains: [] }, selection: ids });
    expect(nothing.success).toBe(false);
    const bad = bulkJobBody.safeParse({
      params: { action: "block", pairs: [], domains: ["https://x.com"] },
      selection: ids,
    });
    expect(bad.success).toBe(false);
    const ok = bulkJobBody.parse({
      params: { action: "unblock", pairs: [], domains: [" Shop.Example.COM "] },
      selection: { kind: "filter", filter: { country: "gb", status: "active" } },
    });
    expect(ok.params).toEqual({ action: "unblock", pairs: [], domains: ["shop.example.com"] });
    expect(ok.selection).toEqual({ kind: "filter", filter: { country: "GB", status: "active" } });
  });
});

describe("mergeControls", () => {
  const current = {
    pairs: [{ partnerVerticalId: 1500, partnerSubVerticalId: 1610 }],
    domains: ["kept.example.com"],
  };
  it("adds to what the merchant has, never drops a block", () => {
    const r = mergeControls(current, {
      action: "block",
      pairs: [
        { partnerVerticalId: 1500, partnerSubVerticalId: 1610 },
        { partnerVerticalId: 1502, partnerSubVerticalId: 1620 },
      ],
      domains: ["a.example.com"],
    });
    expect(r.changed).toBe(true);
    expect(r.next.pairs).toEqual([
      { partnerVerticalId: 1500, partnerSubVerticalId: 1610 },
      { partnerVerticalId: 1502, partnerSubVerticalId: 1620 },
    ]);
    expect(r.next.domains).toEqual(["a.example.com", "kept.example.com"]);
    expect(r.summary).toBe("+1 vertical, +1 domain");
  });
  it("removes only what it names; nothing to do is no change", () => {
    const r = mergeControls(current, { action: "unblock", pairs: [], domains: ["KEPT.example.com", "x.example.com"] });
    expect(r.next).toEqual({ pairs: current.pairs, domains: [] });
    expect(r.summary).toBe("−1 domain");
    const same = mergeControls(current, { action: "block", pairs: current.pairs, domains: current.domains });
    expect(same).toMatchObject({ changed: false, summary: "no change" });
  });
});
