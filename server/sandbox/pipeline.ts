import { authenticate } from "./auth";
import { applyFaults } from "./faults";
import { ApiError, envelope, forbidden, header, jsonResponse } from "./http";
import { countRequest } from "./ratelimit";
import type { SandboxState } from "./state";
import { type AccountRow, getAccount } from "./store/accounts";

/** Marks a committed 2xx whose connection the transport must cut (drop_after_commit_rate). */
export const DROP_HEADER = "X-Sandbox-Drop-Connection";

/** Per-request context: the headers every answer of this attempt carries. */
export interface Rc {
  s: SandboxState;
  req: Request;
  url: URL;
  requestId: string;
  headers: Record<string, string>;
  dryRunWrite: boolean;
  parentId: string;
}

export function finish(rc: Rc, res: Response): Response {
  res.headers.set("X-Request-Id", rc.requestId);
  for (const [k, v] of Object.entries(rc.headers)) res.headers.set(k, v);
  if (rc.dryRunWrite) res.headers.set("X-Dry-Run", "true");
  return res;
}

export function errorResponse(rc: Rc, e: unknown): Response {
  if (e instanceof ApiError) {
    return jsonResponse(e.status, envelope(e.status, rc.requestId, null, e.message), e.headers);
  }
  console.error("sandbox: unexpected error", e);
  return jsonResponse(500, envelope(500, rc.requestId, null, "internal server error"));
}

export const okResponse = (rc: Rc, data: unknown, status = 200) =>
  jsonResponse(status, envelope(status, rc.requestId, data));

/** Token (401) then rate limit (429): the first two steps of every /v1 route. */
export function authAndCount(rc: Rc, route: string, limit: number): void {
  rc.parentId = authenticate(rc.s, rc.req);
  countRequest(rc.s, rc.parentId, route, limit, rc.headers);
}

export function parentHeaderIfPresent(rc: Rc): void {
  const v = header(rc.req, "x-platform-parent-account-id");
  if (v !== null && v !== rc.parentId)
    throw forbidden("X-Platform-Parent-Account-Id is not the token's manager account");
}

export function parentHeaderRequired(rc: Rc): void {
  if (header(rc.req, "x-platform-parent-account-id") === null) {
    throw new ApiError(422, "X-Platform-Parent-Account-Id is required");
  }
  parentHeaderIfPresent(rc);
}

/** Unknown and another manager's accounts get the same 403, so existence never leaks. */
export function ownedAccount(rc: Rc, accountId: string): AccountRow {
  const a = getAccount(rc.s, accountId);
  if (!a || a.parent_id !== rc.parentId) throw forbidden();
  return a;
}

/** A GET: token → rate limit → faults → the route's own steps → 200. */
export async function read(rc: Rc, route: string, limit: number, steps: () => unknown): Promise<Response> {
  try {
    authAndCount(rc, route, limit);
    await applyFaults(rc.s);
    return okResponse(rc, await steps());
  } catch (e) {
    return errorResponse(rc, e);
  }
}
