import "server-only";
import type { z } from "zod";
import { parseIdempotencyKey } from "@/lib/partnerships/formats";
import type { SessionUser } from "@/server/auth/types";
import { INTENT_HEARTBEAT_MS } from "@/server/db/repos/intents";
import type { ConsoleDb } from "@/server/db/types";
import { noteRole, traceApiRequest } from "@/server/observability/tracing";
import { UpstreamUnavailableError } from "@/server/partnerships/errors";
import { ensureKnowledgeBootstrap } from "./bootstrap";
import type { ApiDeps } from "./context";
import { admit } from "./gate";
import { canonicalJson, sha256 } from "./hash";
import { BASE_HEADERS, errorBody, HttpError, json, withRequestHeaders } from "./http";
import { DEFAULT_MAX_BODY_BYTES, parseBody, readBodyText } from "./request-body";
import { matchRoute } from "./router";
import { fromAbort, fromError, isAbortedRead, type Outcome, settle } from "./settle";
import type { AnyRoute, AuditNotes, HandlerContext } from "./types";
import { issuesToFields, summarizeFields } from "./validation";

/**
 * The one path every API request takes, in this order: route lookup → session
 * → role → CSRF → per-user write rate limit (gate.ts) → body size → zod
 * (params, query, body) → Idempotency-Key → intent (replay / 422 / 409) →
 * handler (upstream call, operation journaled as soon as its id is known) →
 * error mapping → intent kept or released → journal → audit (settle.ts).
 * Every refusal is JSON and changes nothing.
 */

function validate<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  prefix: string | null,
  fields: Record<string, string>,
): T {
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const found = issuesToFields(parsed.error.issues, prefix);
  Object.assign(fields, found);
  // Never let a failed parse pass as valid, whatever the issues' paths were.
  if (Object.keys(found).length === 0) fields[prefix ?? "body"] ??= "is not valid";
  return undefined as T;
}

export async function dispatch(request: Request, deps: ApiDeps, table: readonly AnyRoute[]): Promise<Response> {
  const url = new URL(request.url);
  return withRequestHeaders(await answer(request, url, deps, table), url);
}

async function answer(request: Request, url: URL, deps: ApiDeps, table: readonly AnyRoute[]): Promise<Response> {
  const match = matchRoute(table, request.method, url.pathname);
  if (match.kind === "not_found") return json(errorBody("not_found", "There is no such API route."), 404);
  if (match.kind === "method_not_allowed") {
    return json(errorBody("method_not_allowed", `Use ${match.allow.join(" or ")} for this route.`), 405, {
      Allow: match.allow.join(", "),
    });
  }
  const { route, params } = match;
  return traceApiRequest(request, route.path, () => runMatched(request, deps, route, params, url));
}

async function runMatched(
  request: Request,
  deps: ApiDeps,
  route: AnyRoute,
  params: Record<string, string>,
  url: URL,
): Promise<Response> {
  // The session cookie as re-issued by the session check: sent with whatever this request answers.
  let setCookie: string[] = [];
  try {
    // Public routes (health) need no session and open nothing before their handler.
    if (route.role === null) return await runPublic(request, deps, route, params, url);
    const admission = await admit(request, deps, { ...route, role: route.role }, params.accountId ?? null);
    if (!admission.ok) return admission.response;
    setCookie = admission.setCookie;
    noteRole(admission.user.role);
    await ensureKnowledgeBootstrap(deps, admission.db);
    return withCookies(await runRoute(request, deps, admission.db, admission.user, route, params, url), setCookie);
  } catch (err) {
    const http = err instanceof HttpError ? err : null;
    // A read the browser gave up on is no failure of the console (nobody reads this answer either).
    if (!http && !isAbortedRead(request, route))
      console.error(`API ${request.method} ${url.pathname} failed:`, err instanceof Error ? err.message : err);
    const e = http ?? new HttpError(500, "internal_error", "Something went wrong in the console. Try again.");
    return withCookies(json(e.toBody(), e.status, e.headers), setCookie);
  }
}

function withCookies(response: Response, setCookie: string[]): Response {
  for (const c of setCookie) response.headers.append("set-cookie", c);
  return response;
}

async function runPublic(request: Request, deps: ApiDeps, route: AnyRoute, params: Record<string, string>, url: URL) {
  const result = await route.handler({
    request,
    user: null,
    // A public handler reaches the database only through deps (health must work when it is down).
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

/**
 * While a write runs, its reservation is renewed every few seconds, so that a
 * console which dies mid-write leaves it abandoned within seconds (intents.ts).
 */
async function withHeartbeat<T>(db: ConsoleDb, key: string | null, userId: string, run: () => Promise<T>): Promise<T> {
  if (!key) return run();
  const timer = setInterval(() => {
    db.intents
      .renew(key, userId)
      .catch((e: unknown) => console.error("intent heartbeat failed:", e instanceof Error ? e.message : e));
  }, INTENT_HEARTBEAT_MS);
  timer.unref?.();
  try {
    return await run();
  } finally {
    clearInterval(timer);
  }
}

/** Validates, checks the key and intent, runs the handler, and settles the outcome. */
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
  const dryRun = url.searchParams.get("dry_run") === "true";
  /** Operation ids already journalled, with whether their merchant was known then. */
  const journaled = new Map<string, boolean>();
  let key: string | null = null;
  let intentKey: string | null = null;
  let summary: unknown;
  let outcome: Outcome;

  const journal = async (operationId: string, merchantId: string | null) => {
    // Record once; again only to fill in a merchant learnt from the answer (register): record() keeps what it knows.
    const knewMerchant = journaled.get(operationId);
    if (knewMerchant === true || (knewMerchant === false && merchantId === null)) return;
    journaled.set(operationId, merchantId !== null);
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
    const fields: Record<string, string> = Object.create(null);
    const params = validate(route.params, rawParams, "params", fields);
    const query = validate(route.query, Object.fromEntries(url.searchParams), "query", fields);
    const body = validate(route.body, rawBody, null, fields);
    if (Object.keys(fields).length > 0)
      throw new HttpError(400, "validation_failed", summarizeFields(fields), { fields });
    if (route.summarize) summary = route.summarize(body, query);

    if (route.write) {
      const rawKey = request.headers.get("idempotency-key");
      if (rawKey === null) {
        throw new HttpError(
          400,
          "idempotency_key_required",
          "This change needs an Idempotency-Key header (one UUID per intent).",
        );
      }
      key = parseIdempotencyKey(rawKey);
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
        const kept = begun.body as {
          error?: { requestId?: string; operationId?: string };
          operationId?: string;
          requestId?: string;
        } | null;
        notes.message = "replayed from the kept answer of this Idempotency-Key";
        outcome = {
          status: begun.httpStatus,
          body: begun.body,
          headers: { "Idempotent-Replayed": "true" },
          requestId: kept?.requestId ?? kept?.error?.requestId ?? null,
          operationId: kept?.operationId ?? kept?.error?.operationId ?? null,
          release: false,
          unknown: false,
        };
        await settle({ db, request, user, route, outcome, notes, summary, intentKey, key, journal });
        return json(outcome.body, outcome.status, outcome.headers);
      }
      intentKey = key;
      if (begun.state === "taken_over" && route.retrySafe === false) {
        // The console that ran this intent died mid-call. The upstream cannot deduplicate it (network
        // privacy): it may have been received, so its outcome is unknown and kept, and never resent.
        notes.message = "taken over from a console that stopped mid-request: not sent again";
        outcome = fromError(
          new UpstreamUnavailableError("the console stopped while sending this request", {
            status: 0,
            timeout: false,
            outcomeUnknown: true,
          }),
          route,
        );
        await settle({ db, request, user, route, outcome, notes, summary, intentKey, key, journal });
        return json(outcome.body, outcome.status, outcome.headers);
      }
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
        return {
          idempotencyKey: key,
          dryRun,
          // SPEC §9: the operation id is persisted the moment it is known, before the body is parsed.
          onOperationId: (operationId) =>
            journal(operationId, extra?.merchantId ?? notes.merchantId ?? null).catch((e: unknown) =>
              console.error("journal record failed:", e instanceof Error ? e.message : e),
            ),
          // No request.signal: a browser that goes away must not cut a write upstream halfway.
        };
      },
    };
    const result = await withHeartbeat(db, intentKey, user.id, () => route.handler(ctx));
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
    outcome = isAbortedRead(request, route) ? fromAbort() : fromError(err, route);
  }
  await settle({ db, request, user, route, outcome, notes, summary, intentKey, key, journal });
  // A read may answer with a stream (the CSV export): sent as is, with the same no-store headers.
  if (outcome.body instanceof ReadableStream && !route.write) {
    return new Response(outcome.body, { status: outcome.status, headers: { ...BASE_HEADERS, ...outcome.headers } });
  }
  return json(outcome.body, outcome.status, outcome.headers);
}
