import { describe, expect, it } from "vitest";
import { matchRoute } from "./router";
import { ROUTES } from "./routes";

describe("matchRoute over the route table", () => {
  it("finds routes with their params, decoding them", () => {
    const m = matchRoute(ROUTES, "PUT", "/api/merchants/1234567890123456/pages/abc%2Ddef");
    expect(m).toMatchObject({ kind: "found", params: { accountId: "1234567890123456", pageId: "abc-def" } });
    expect(matchRoute(ROUTES, "GET", "/api/merchants/")).toMatchObject({ kind: "found" });
  });

  it("answers method_not_allowed with the methods the path has, and not_found otherwise", () => {
    expect(matchRoute(ROUTES, "DELETE", "/api/merchants")).toEqual({
      kind: "method_not_allowed",
      allow: ["GET", "POST"],
    });
    expect(matchRoute(ROUTES, "GET", "/api/merchants/1/2/3/4")).toEqual({ kind: "not_found" });
    expect(matchRoute(ROUTES, "GET", "/api/merchants/%E0%A4%A/status")).toEqual({ kind: "not_found" });
  });

  it("has one entry per method and path", () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of ROUTES) {
      if (r.write) expect(["POST", "PUT", "PATCH", "DELETE"]).toContain(r.method);
      // A preview takes a body (an uploaded CSV) but changes nothing: POST without an intent.
      // CSRF still applies, since the gate checks it by method.
      else if (r.path.endsWith("/preview")) expect(r.method).toBe("POST");
      else expect(r.method).toBe("GET");
    }
  });
});
