import "server-only";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/server/auth/types";
import type { ConsoleDb } from "@/server/db/types";
import { clientIp, writeAudit } from "./audit";
import type { ApiDeps } from "./context";
import { checkCsrf, STATE_CHANGING } from "./csrf";
import { HttpError, json } from "./http";
import type { AnyRoute } from "./types";

/**
 * Admission, before anything of the request is read: session (401) → role
 * (403) → CSRF on state-changing methods (403) → per-user write rate limit
 * (429). Each refusal is written to the audit log and answered as JSON.
 */
export type Admission =
  | { ok: true; user: SessionUser; db: ConsoleDb; setCookie: string[] }
  | { ok: false; response: Response };

async function deny(
  db: ConsoleDb,
  request: Request,
  user: SessionUser | null,
  action: string,
  err: HttpError,
  route: AnyRoute,
  merchantId: string | null,
): Promise<Admission> {
  await writeAudit(db, {
    action,
    outcome: "denied",
    httpStatus: err.status,
    request,
    user,
    merchantId,
    summary: { route: route.audit },
    message: err.message,
  }).catch((e: unknown) => console.error("audit append failed:", e instanceof Error ? e.message : e));
  return { ok: false, response: json(err.toBody(), err.status, err.headers) };
}

export async function admit(
  request: Request,
  deps: ApiDeps,
  route: AnyRoute & { role: NonNullable<AnyRoute["role"]> },
  merchantId: string | null,
): Promise<Admission> {
  const session = deps.getRequestSession
    ? await deps.getRequestSession(request)
    : { user: await deps.getSessionUser(), setCookie: [] };
  const admission = await decide(request, deps, route, merchantId, session.user);
  // The re-issued (or cleared) session cookie goes out with every answer, refusals included.
  if (!admission.ok) for (const c of session.setCookie) admission.response.headers.append("set-cookie", c);
  return admission.ok ? { ...admission, setCookie: session.setCookie } : admission;
}

async function decide(
  request: Request,
  deps: ApiDeps,
  route: AnyRoute & { role: NonNullable<AnyRoute["role"]> },
  merchantId: string | null,
  user: SessionUser | null,
): Promise<Admission> {
  const db = await deps.getDb();
  if (!user) {
    const err = new HttpError(401, "unauthenticated", "Sign in to continue: your session is missing or has expired.");
    // Anonymous reads are audited too, but a flood of them must not flood the log: a per-IP budget.
    if (!STATE_CHANGING.has(request.method)) {
      const budget = await db.limiter.hit(`audit.anonymous:${clientIp(request) ?? "unknown"}`, 30, 60_000);
      if (!budget.allowed) return { ok: false, response: json(err.toBody(), 401) };
    }
    return deny(db, request, null, "request.denied.session", err, route, merchantId);
  }
  if (!hasRole(user.role, route.role)) {
    const err = new HttpError(403, "forbidden", "Your role does not allow this.");
    return deny(db, request, user, "request.denied.role", err, route, merchantId);
  }
  const config = deps.getConfig();
  const csrf = checkCsrf(request, config.authUrl);
  if (!csrf.ok) {
    const message = `This request was refused as a possible cross-site request (${csrf.reason}).`;
    return deny(
      db,
      request,
      user,
      "request.denied.csrf",
      new HttpError(403, "csrf_rejected", message),
      route,
      merchantId,
    );
  }
  if (route.write) {
    const hit = await db.limiter.hit(`write:${user.id}`, config.writeLimitPerMinute, 60_000);
    if (!hit.allowed) {
      const seconds = Math.max(1, Math.ceil(hit.resetMs / 1000));
      const err = new HttpError(
        429,
        "rate_limited",
        `Too many changes in a minute; try again in ${seconds} s.`,
        {},
        {
          "Retry-After": String(seconds),
        },
      );
      return deny(db, request, user, "request.denied.rate_limit", err, route, merchantId);
    }
  }
  return { ok: true, user, db, setCookie: [] };
}
