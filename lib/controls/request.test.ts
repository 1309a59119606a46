import { describe, expect, it } from "vitest";
import { putControlsRequest } from "@/lib/partnerships/controls";
import { buildPutControlsBody } from "./request";

describe("buildPutControlsBody", () => {
  it("sends every pair with policy Block (sorted), every domain, the name and the contentHash", () => {
    const body = buildPutControlsBody({
      name: "Acme Controls",
      pairs: [
        { partnerVerticalId: 1504, partnerSubVerticalId: 1612 },
        { partnerVerticalId: 1500, partnerSubVerticalId: 1610 },
      ],
      domains: ["b.com", "a.com"],
      contentHash: "hash-1",
    });
    expect(body).toEqual({
      name: "Acme Controls",
      blockedVerticals: [
        { partnerVerticalId: 1500, partnerSubVerticalId: 1610, policy: "Block" },
        { partnerVerticalId: 1504, partnerSubVerticalId: 1612, policy: "Block" },
      ],
      domains: [
        { domain: "b.com", policy: "Block" },
        { domain: "a.com", policy: "Block" },
      ],
      contentHash: "hash-1",
    });
    expect(putControlsRequest.safeParse(body).success).toBe(true);
  });

  it("sends empty lists (PUT replaces the whole list) and no contentHash when none is known", () => {
    const body = buildPutControlsBody({ name: "X", pairs: [], domains: [], contentHash: null });
    expect(body).toEqual({ name: "X", blockedVerticals: [], domains: [] });
    expect("contentHash" in body).toBe(false);
  });
});
