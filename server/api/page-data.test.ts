import { describe, expect, it } from "vitest";
import { parseSearch } from "./page-data";
import { auditQuery } from "./schemas";

describe("parseSearch", () => {
  it("keeps valid filters and reports the invalid ones by field", () => {
    const { values, errors } = parseSearch(
      auditQuery,
      { merchantId: "12", outcome: "denied", action: ["request.", "x"], ignored: "y" },
      ["merchantId", "outcome", "action"],
    );
    expect(values).toEqual({ outcome: "denied", action: "request." });
    expect(Object.keys(errors)).toEqual(["merchantId"]);
  });
});
