import { describe, expect, it } from "vitest";
import { checkCsrf } from "./csrf";

const req = (headers: Record<string, string>, method = "POST", url = "http://console.test/api/x") =>
  new Request(url, { method, headers });
const XRW = { "X-Requested-With": "XMLHttpRequest" };

describe("checkCsrf", () => {
  it("lets reads through untouched", () => {
    expect(checkCsrf(req({ Origin: "https://evil.example" }, "GET"), undefined)).toEqual({ ok: true });
  });

  it("accepts the request's own origin, the Host header's, and AUTH_URL's", () => {
    expect(checkCsrf(req({ ...XRW, Origin: "http://console.test" }), undefined).ok).toBe(true);
    const proxied = req({
      ...XRW,
      Origin: "https://console.example.com",
      Host: "console.example.com",
      "X-Forwarded-Proto": "https",
    });
    expect(checkCsrf(proxied, undefined).ok).toBe(true);
    expect(checkCsrf(req({ ...XRW, Origin: "https://app.example.com" }), "https://app.example.com/").ok).toBe(true);
  });

  it("refuses a foreign or opaque Origin, cross-site fetches, and a missing custom header", () => {
    expect(checkCsrf(req({ ...XRW, Origin: "null" }), undefined)).toMatchObject({ ok: false });
    expect(checkCsrf(req({ ...XRW, Origin: "http://console.test.evil.example" }), undefined)).toMatchObject({
      ok: false,
    });
    expect(checkCsrf(req({ ...XRW, "Sec-Fetch-Site": "cross-site" }), undefined)).toMatchObject({ ok: false });
    expect(checkCsrf(req({ ...XRW, "Sec-Fetch-Site": "same-site" }), undefined)).toMatchObject({ ok: false });
    expect(checkCsrf(req({ Origin: "http://console.test" }), undefined)).toEqual({
      ok: false,
      reason: "X-Requested-With header is missing",
    });
    for (const method of ["PUT", "PATCH", "DELETE"]) expect(checkCsrf(req({}, method), undefined).ok).toBe(false);
  });

  it("accepts Sec-Fetch-Site none (typed by the user) and same-origin", () => {
    expect(checkCsrf(req({ ...XRW, "Sec-Fetch-Site": "none" }), undefined).ok).toBe(true);
    expect(checkCsrf(req({ ...XRW, "Sec-Fetch-Site": "same-origin" }), undefined).ok).toBe(true);
  });
});
