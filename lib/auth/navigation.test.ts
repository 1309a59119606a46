import { describe, expect, it } from "vitest";
import { canOpen, navFor, sectionFor } from "./navigation";

describe("navigation by role", () => {
  it("shows each role exactly its sections", () => {
    expect(navFor("support").map((i) => i.label)).toEqual(["Merchants", "Operations", "Bulk jobs"]);
    expect(navFor("account_manager").map((i) => i.label)).toEqual(["Merchants", "Onboard", "Operations", "Bulk jobs"]);
    expect(navFor("admin").map((i) => i.label)).toEqual([
      "Merchants",
      "Onboard",
      "Operations",
      "Bulk jobs",
      "Privacy",
      "Audit",
      "Settings",
    ]);
  });

  it("enforces nested paths and does not match lookalike prefixes", () => {
    expect(canOpen("support", "/settings")).toBe(false);
    expect(canOpen("support", "/settings/users")).toBe(false);
    expect(canOpen("account_manager", "/settings/health")).toBe(false);
    expect(canOpen("admin", "/settings/health")).toBe(true);
    expect(canOpen("support", "/merchants/1234567890123456/theme")).toBe(true);
    expect(canOpen("account_manager", "/onboard")).toBe(true);
    expect(canOpen("account_manager", "/audit")).toBe(false);
    expect(sectionFor("/auditor")).toBeUndefined();
    expect(canOpen("support", "/")).toBe(true);
  });
});
