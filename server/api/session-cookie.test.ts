import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/auth/types";
import { createHarness, type Harness } from "./test-harness";

// proxy.ts leaves API requests alone: the route layer reads the session once and sends the
// re-issued (or cleared) session cookie with every answer it gives after the session check.
let h: Harness;
let account: string;
let session: { user: SessionUser | null; setCookie: string[] };
const ROLLED = "authjs.session-token=rolled; Path=/; HttpOnly; SameSite=Lax";
const CLEARED = "authjs.session-token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax";

beforeEach(async () => {
  h = await createHarness();
  [account = ""] = await h.merchants(1);
  h.deps.getRequestSession = async () => session;
});
afterEach(async () => {
  await h.close();
});

describe("the session cookie on API answers", () => {
  it("goes out with a read, a write and a validation error", async () => {
    session = { user: h.users.support, setCookie: [ROLLED] };
    const read = await h.call("GET", `/api/merchants/${account}/controls`);
    expect(read.status).toBe(200);
    expect(read.headers.getSetCookie()).toEqual([ROLLED]);
    const write = await h.call("PUT", `/api/merchants/${account}/status?dry_run=true`, { body: { status: "active" } });
    expect(write.status).toBe(200);
    expect(write.headers.getSetCookie()).toEqual([ROLLED]);
    const invalid = await h.call("PUT", `/api/merchants/${account}/status`, { body: { status: "sleeping" } });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.getSetCookie()).toEqual([ROLLED]);
  });

  it("goes out with refusals: a dead session's cleared cookie with the 401, the rolled one with a 403", async () => {
    session = { user: null, setCookie: [CLEARED] };
    const anonymous = await h.call("GET", "/api/merchants");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.getSetCookie()).toEqual([CLEARED]);
    session = { user: h.users.support, setCookie: [ROLLED] };
    const forbidden = await h.call("GET", "/api/audit");
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.getSetCookie()).toEqual([ROLLED]);
  });

  it("uses the request's session, not getSessionUser, when both exist", async () => {
    session = { user: null, setCookie: [] };
    h.as(h.users.admin);
    expect((await h.call("GET", "/api/merchants")).status).toBe(401);
  });
});
