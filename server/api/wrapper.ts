import "server-only";
import type { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { parseIdempotencyKey } from "@/lib/partnerships/formats";
import type { SessionUser } from "@/server/auth/types";
import type { ConsoleDb } from "@/server/db/types";
import type { WriteOptions } from "@/server/partnerships/types";
import { clientIp, outcomeFor, writeAudit } from "./audit";
import { ensureKnowledgeBootstrap } from "./bootstrap";
import type { ApiDeps } from "./context";
import { checkCsrf, STATE_CHANGING } from "./csrf";
import { canonicalJson, sha256 } from "./hash";
import { errorBody, HttpError, json } from "./http";
import { DEFAULT_MAX_BODY_BYTES, parseBody, readBodyText } from "./request-body";
import { matchRoute } from "./router";
import type { AnyRoute, AuditNotes, HandlerContext, HandlerResult } from "./types";
import { isUpstreamError, mapUpstreamError } from "./upstream-errors";
import { issuesToFields, summarizeFields } from "./validation";

/**
 * The one path every API request takes, in this order: route lookup → session
 * → role → CSRF → per-user write rate limit → body size → zod (params, query,
 * body) → Idempotency-Key → intent (replay / 422 / 409) → handler (upstream
 * call, operation journaled as soon as its id is known) → error mapping →
 * intent kept or released → audit. Every refusal is JSON and changes nothing.
 */

interface Outcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  requestId: string | null;
  operationId: string | null;
  /** The intent may be retried with the same key: release it instead of keeping this answer. */
  release: boolean;
  /** For the journal: the upstream may or may not have applied the write. */
  unknown: boolean;
}

function fromHttpError(err: HttpError): Outcome {
  return {
    status: err.status,
    body: err.toBody(),
    headers: err.headers,
    requestId: err.details.requestId ?? null,
    operationId: err.details.operationId ?? null,
    release: err.status === 429 || err.status >= 500,
    unknown: false,
  };
}

function validate<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  prefix: string | null,
  fields: Record<string, string>,
): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  Object.assign(fields, issuesToFields(parsed.error.issues, prefix));
  return undefined as T;
}

async function denied(
  db: ConsoleDb,
  request: Request,
  user: SessionUser | null,
  action: string,
  err: HttpError,
  route: AnyRoute,
  merchantId: string | null,
): Promise<Response> {
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
  return json(err.toBody(), err.status, err.headers);
}

export async function dispatch(request: Request, deps: ApiDeps, table: readonly AnyRoute[]): Promise<Response> {
  const url = new URL(request.url);
  const match = matchRoute(table, request.method, url.pathname);
  if (match.kind === "not_found") return json(errorBody("not_found", "There is no such API route."), 404);
  if (match.kind === "method_not_allowed") {
    return json(errorBody("method_not_allowed", `Use ${match.allow.join(" or ")} for this route.`), 405, {
      Allow: match.allow.join(", "),
    });
  }
  const { route, params: rawParams } = match;
  const merchantId = rawParams.accountId ?? null;

  try {
    // Public routes (health) touch nothing else: no session, no database before the handler.
    if (route.role === null) return await runPublic(request, deps, route, rawParams, url);

    const user = await deps.getSessionUser();
    const db = await deps.getDb();
    if (!user) {
      const err = new HttpError(401, "unauthenticated", "Sign in to continue: your session is missing or has expired.");
      // Anonymous reads are audited too, but a flood of them must not flood the log: per-IP budget.
      if (!STATE_CHANGING.has(request.method)) {
        const budget = await db.limiter.hit(`audit.anonymous:${clientIp(request) ?? "unknown"}`, 30, 60_000);
        if (!budget.allowed) return json(err.toBody(), 401);
      }
      return denied(db, request, null, "request.denied.session", err, route, merchantId);
    }
    if (!hasRole(user.role, route.role)) {
      const err = new HttpError(403, "forbidden", "Your role does not allow this.");
      return denied(db, request, user, "request.denied.role", err, route, merchantId);
    }
    const config = deps.getConfig();
    const csrf = checkCsrf(request, config.authUrl);
    if (!csrf.ok) {
      const err = new HttpError(
        403,
        "csrf_rejected",
        `This request was refused as a possible cross-site request (${csrf.reason}).`,
      );
      return denied(db, request, user, "request.denied.csrf", err, route, merchantId);
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
        return denied(db, request, user, "request.denied.rate_limit", err, route, merchantId);
      }
    }
    await ensureKnowledgeBootstrap(deps, db);
    return await runRoute(request, deps, db, user, route, rawParams, url);
  } catch (err) {
    const http = err instanceof HttpError ? err : null;
    if (!http) console.error(`API ${request.method} ${url.pathname} failed:`, err instanceof Error ? err.message : err);
    const e = http ?? new HttpError(500, "internal_error", "Something went wrong in the console. Try again.");
    return json(e.toBody(), e.status, e.headers);
  }
}

async function runPublic(request: Request, deps: ApiDeps, route: AnyRoute, params: Record<string, string>, url: URL) {
  const result = await route.handler({
    request,
    user: null,
    db: undefined as unknown as ConsoleDb,
    deps,
    client: () => deps.getClient(),
    params,
    query: Object.fromEntries(url.searchParams),
    body: undefined,
    idempotencyKey: null,
    dryRun: false,
    writeOptions: () => {
      throw new Error("public routes do not write");
    },
    audit: {},
  });
  return json(result.body, result.status ?? 200, result.headers);
}

async function runRoute(
  request: Request,
  deps: ApiDeps,
  db: ConsoleDb,
  user: SessionUser,
  route: AnyRoute,
  rawParams: Record<string, string>,
  url: URL,
): Promise<Response> {
  const notes: AuditNotes = { merchantId: rawParams.accountId ?? null };
  let key: string | null = null;
  let summary: unknown;
  let outcome: Outcome;
  let intentOpen = false;
  const seenOperations = new Set<string>();
  const dryRun = url.searchParams.get("dry_run") === "true";

  const journal = async (operationId: string, merchantId: string | null) => {
    if (seenOperations.has(operationId)) return;
    seenOperations.add(operationId);
    await db.journal.record({
      operationId,
      userId: user.id,
      userEmail: user.email,
      merchantId,
      action: route.audit,
      operationType: route.operationType ?? null,
      dryRun,
      status: "in_progress",
      idempotencyKey: key,
    });
  };

  try {
    let rawBody: unknown;
    if (route.body) {
      const text = await readBodyText(request, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      rawBody = parseBody(request, text, route.bodyType ?? "json");
    }
    summary = route.bodyType === "csv" ? undefined : rawBody;
    const fields: Record<string, string> = {};
    const params = validate(route.params, rawParams, "params", fields);
    const query = validate(route.query, Object.fromEntries(url.searchParams), "query", fields);
    const body = validate(route.body, rawBody, null, fields);
    if (Object.keys(fields).length > 0) {
      throw new HttpError(400, "validation_failed", summarizeFields(fields), { fields });
    }
    if (route.summarize) summary = route.summarize(body, query);

    if (route.write) {
      const rawKey = request.headers.get("idempotency-key");
      key = parseIdempotencyKey(rawKey);
      if (rawKey === null) {
        throw new HttpError(
          400,
          "idempotency_key_required",
          "This change needs an Idempotency-Key header (one UUID per intent).",
        );
      }
      if (key === null)
        throw new HttpError(400, "idempotency_key_invalid", "The Idempotency-Key header must be a UUID.");
      const hashed = route.bodyType === "csv" ? String(rawBody) : canonicalJson({ body: rawBody ?? null, dryRun });
      const begun = await db.intents.begin({
        key,
        userId: user.id,
        route: `${route.method} ${url.pathname}`,
        bodyHash: sha256(hashed),
      });
      if (begun.state === "conflict") {
        throw new HttpError(
          422,
          "idempotency_key_reused",
          "This Idempotency-Key was already used for a different request",
        );
      }
      if (begun.state === "in_flight") {
        throw new HttpError(
          409,
          "in_flight",
          "A request with this Idempotency-Key is still running; retry in a moment.",
          {},
          {
            "Retry-After": "1",
          },
        );
      }
      if (begun.state === "replay") {
        const replayed = begun.body as {
          error?: { requestId?: string; operationId?: string };
          operationId?: string;
          requestId?: string;
        } | null;
        outcome = {
          status: begun.httpStatus,
          body: begun.body,
          headers: { "Idempotent-Replayed": "true" },
          requestId: replayed?.requestId ?? replayed?.error?.requestId ?? null,
          operationId: replayed?.operationId ?? replayed?.error?.operationId ?? null,
          release: false,
          unknown: false,
        };
        notes.message = "replayed from the kept answer of this Idempotency-Key";
        return await finish();
      }
      intentOpen = true;
    }

    const ctx: HandlerContext<unknown, unknown, unknown> = {
      request,
      user,
      db,
      deps,
      client: () => deps.getClient(),
      params,
      query,
      body,
      idempotencyKey: key,
      dryRun,
      audit: notes,
      writeOptions: (extra) => {
        if (!key) throw new Error(`${route.method} ${route.path} is not a write`);
        const options: WriteOptions = {
          idempotencyKey: key,
          dryRun,
          onOperationId: (operationId) =>
            journal(operationId, extra?.merchantId ?? notes.merchantId ?? null).catch((e: unknown) =>
              console.error("journal record failed:", e instanceof Error ? e.message : e),
            ),
          signal: request.signal,
        };
        return options;
      },
    };
    const result: HandlerResult = await route.handler(ctx);
    outcome = {
      status: result.status ?? 200,
      body: result.body,
      headers: result.headers ?? {},
      requestId: result.requestId ?? null,
      operationId: result.operationId ?? null,
      release: false,
      unknown: false,
    };
  } catch (err) {
    if (err instanceof HttpError) outcome = fromHttpError(err);
    else if (isUpstreamError(err)) {
      const mapped = mapUpstreamError(err, { write: route.write, retrySafe: route.retrySafe !== false });
      outcome = { ...fromHttpError(mapped.error), release: mapped.retryable, unknown: mapped.outcomeUnknown };
    } else {
      console.error(`API ${route.method} ${route.path} failed:`, err instanceof Error ? err.message : err);
      const e = new HttpError(
        500,
        "internal_error",
        "Something went wrong in the console. Try again with the same key.",
      );
      outcome = { ...fromHttpError(e), release: true, unknown: route.write };
    }
  }
  return await finish();

  async function finish(): Promise<Response> {
    const o = outcome;
    // An unknown outcome of a call the upstream cannot deduplicate (network privacy) holds the key:
    // a resend of the same intent meets "in flight" instead of submitting the request twice.
    const hold = o.unknown && route.retrySafe === false;
    if (intentOpen && key && !hold) {
      if (o.release) await db.intents.release(key, user.id);
      else await db.intents.complete(key, user.id, { httpStatus: o.status, body: o.body, operationId: o.operationId });
    }
    if (o.operationId && route.write && !o.headers["Idempotent-Replayed"]) {
      await journal(o.operationId, notes.merchantId ?? null).catch(() => undefined);
      const status = o.unknown ? "unknown" : o.status === 202 ? "pending" : o.status < 400 ? "completed" : "failed";
      const error = o.status >= 400 ? ((o.body as { error?: { message?: string } })?.error?.message ?? null) : null;
      await db.journal
        .update(o.operationId, { status, httpStatus: o.unknown ? null : o.status, error })
        .catch((e: unknown) => console.error("journal update failed:", e instanceof Error ? e.message : e));
    }
    if (route.write) {
      await writeAudit(db, {
        action: route.audit,
        outcome: outcomeFor(o.status),
        httpStatus: o.status,
        request,
        user,
        merchantId: notes.merchantId,
        summary: notes.summary ?? summary,
        before: notes.before,
        after: notes.after,
        message:
          notes.message ??
          (o.status >= 400 ? ((o.body as { error?: { message?: string } })?.error?.message ?? null) : null),
        upstreamRequestId: o.requestId,
        operationId: o.operationId,
        idempotencyKey: key,
      }).catch((e: unknown) => console.error("audit append failed:", e instanceof Error ? e.message : e));
    }
    return json(o.body, o.status, o.headers);
  }
}
