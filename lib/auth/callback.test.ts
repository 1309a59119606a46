import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeCallbackPath("/merchants?q=shoe&page=2")).toBe("/merchants?q=shoe&page=2");
    expect(safeCallbackPath("/merchants/1234567890123456/theme")).toBe("/merchants/1234567890123456/theme");
  });
  it("refuses other origins and tricks", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      undefined,
      42,
      "/sign-in?callbackUrl=/x",
      "/api/users",
    ]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
  });
});
