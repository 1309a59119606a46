import { describe, expect, it } from "vitest";
import { buildCsp, buildSecurityHeaders, createNonce, isLocalHost } from "./security-headers";

describe("security headers", () => {
  it("builds a nonce CSP without unsafe-eval in production", () => {
    const csp = buildCsp({ nonce: "abc123", url: new URL("https://console.example.com/merchants") });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("allows unsafe-eval only in development and adds form-action origins", () => {
    const csp = buildCsp({
      nonce: "n",
      url: new URL("http://localhost:3000/"),
      dev: true,
      formActionOrigins: ["https://idp.example.com"],
    });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).toContain("form-action 'self' https://idp.example.com");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("sends HSTS only away from localhost", () => {
    const remote = buildSecurityHeaders({ nonce: "n", url: new URL("https://console.example.com/") });
    expect(remote["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    const local = buildSecurityHeaders({ nonce: "n", url: new URL("http://localhost:3101/") });
    expect(local["Strict-Transport-Security"]).toBeUndefined();
    expect(local["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(local["X-Content-Type-Options"]).toBe("nosniff");
    expect(local["X-Frame-Options"]).toBe("DENY");
    expect(local["Permissions-Policy"]).toContain("camera=()");
  });

  it("mints unpredictable base64 nonces", () => {
    const a = createNonce();
    const b = createNonce();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(isLocalHost("127.0.0.1")).toBe(true);
    expect(isLocalHost("example.com")).toBe(false);
  });
});
