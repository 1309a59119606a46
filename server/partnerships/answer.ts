import "server-only";
import type { z } from "zod";
import {
  BadRequestError,
  ConflictError,
  type ConflictReason,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  type NotFoundResource,
  type PartnershipsError,
  PayloadTooLargeError,
  RateLimitedError,
  StaleContentError,
  UnauthorizedError,
  UpstreamServerError,
  ValidationFailedError,
} from "./errors";
import type { ApiResult } from "./types";

/** What the transport knows of one answer besides its body. */
export interface AnswerMeta {
  status: number;
  requestId: string | null;
  operationId: string | null;
  replayed: boolean;
  dryRun: boolean;
  retryAfterSeconds: number | null;
  attempts: number;
}

/** What the call was, for messages and error details. */
export interface AnswerContext<T> {
  method: string;
  route: string;
  schema: z.ZodType<T>;
  mutating: boolean;
  accountScoped: boolean;
  /** Top-level body and query names: a 400 message starting with one of them names the field. */
  fieldNames: readonly string[];
  redact: (text: string) => string;
}

export type Interpreted<T> = { ok: true; result: ApiResult<T> } | { ok: false; error: PartnershipsError };

export function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The envelope (SPEC §2), told apart from a bare body like `{"status": "ok", …}` by its numeric status. */
function isEnvelope(body: unknown): body is { status: number; message?: unknown; request_id?: unknown; data: unknown } {
  return (
    typeof body === "object" &&
    body !== null &&
    "data" in body &&
    typeof (body as { status?: unknown }).status === "number"
  );
}

function str(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

export function interpretAnswer<T>(body: unknown, meta: AnswerMeta, ctx: AnswerContext<T>): Interpreted<T> {
  const requestId = meta.requestId ?? (isEnvelope(body) ? str(body.request_id) : null);
  const withId = { ...meta, requestId };
  if (meta.status >= 200 && meta.status < 300) {
    const payload = isEnvelope(body) ? body.data : body;
    const parsed = ctx.schema.safeParse(payload);
    if (parsed.success) {
      return {
        ok: true,
        result: {
          data: parsed.data,
          status: meta.status,
          requestId,
          operationId: meta.operationId,
          replayed: meta.replayed,
          dryRun: meta.dryRun,
        },
      };
    }
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
      .join("; ");
    const hint = ctx.mutating ? " The change was probably applied: check before repeating it." : "";
    return {
      ok: false,
      error: new InvalidResponseError(
        `The Partnerships API answered ${ctx.method} ${ctx.route} with ${meta.status} in an unexpected shape (${ctx.redact(issues)}).${hint}`,
        { ...withId },
      ),
    };
  }
  return { ok: false, error: errorFromAnswer(body, withId, ctx) };
}

function conflictReason(message: string): ConflictReason {
  if (/in use by a running request/i.test(message)) return "in_flight";
  if (/contenthash is stale/i.test(message)) return "stale_content";
  if (/already exists/i.test(message)) return "surface_exists";
  if (/account is delet/i.test(message)) return "account_deleting";
  return "other";
}

function notFoundResource(route: string, message: string, accountScoped: boolean): NotFoundResource {
  if (route.includes("{operation_id}")) return "operation";
  if (!accountScoped) return "other";
  if (route.includes("{page_id}") && /\bpage\b/i.test(message)) return "page";
  if (route.includes("{layout_id}") && /\blayout\b/i.test(message)) return "layout";
  return "account";
}

function fieldOf(message: string, names: readonly string[]): string | null {
  const first = message.split(/\s+/, 1)[0] ?? "";
  const root = first.split(/[.[]/, 1)[0] ?? "";
  return root !== "" && names.includes(root) ? first : null;
}

export function errorFromAnswer<T>(body: unknown, meta: AnswerMeta, ctx: AnswerContext<T>): PartnershipsError {
  const raw = isEnvelope(body) ? str(body.message) : null;
  const upstreamMessage = raw === null ? null : ctx.redact(raw);
  const msg = upstreamMessage ?? `HTTP ${meta.status}`;
  const details = {
    status: meta.status,
    requestId: meta.requestId,
    operationId: meta.operationId,
    retryAfterSeconds: meta.retryAfterSeconds,
    upstreamMessage,
    attempts: meta.attempts,
  };
  const s = meta.status;
  if (s === 400) {
    const field = fieldOf(msg, ctx.fieldNames);
    return new BadRequestError(`The Partnerships API rejected the request: ${msg}. Correct it and try again.`, {
      ...details,
      field,
    });
  }
  if (s === 401) {
    return new UnauthorizedError(
      `The Partnerships API refused the access token (${msg}). Check PARTNERSHIPS_CLIENT_ID and PARTNERSHIPS_CLIENT_SECRET.`,
      details,
    );
  }
  if (s === 403) {
    return new ForbiddenError(
      `The Partnerships API refused access (${msg}): the account is not managed by this platform, or PARTNERSHIPS_PARENT_ACCOUNT_ID does not match the credentials.`,
      details,
    );
  }
  if (s === 404) {
    const resource = notFoundResource(ctx.route, msg, ctx.accountScoped);
    const what: Record<NotFoundResource, string> = {
      account: "The account was not found for this platform (it is not managed by it, or does not exist).",
      page: "The page was not found on this account. Reload the account's pages.",
      layout: "The layout was not found on this account. Reload the account's pages.",
      operation: "The operation is unknown or expired (operations are kept 7 days).",
      other: `The Partnerships API has no such resource (${ctx.method} ${ctx.route}).`,
    };
    return new NotFoundError(what[resource], { ...details, resource });
  }
  if (s === 409 || s === 412) {
    const reason = s === 412 ? "stale_content" : conflictReason(msg);
    if (reason === "stale_content") {
      return new StaleContentError(
        "These settings changed since they were loaded (contentHash is stale). Reload them, reapply the change and save again.",
        details,
      );
    }
    const text: Record<Exclude<ConflictReason, "stale_content">, string> = {
      in_flight: "The same change is still running upstream. Wait a moment, then check its operation.",
      surface_exists: `${msg}: reload the account's pages and choose another surface.`,
      account_deleting: `${msg}: the account is being deleted, so it accepts no more changes.`,
      other: `The Partnerships API reported a conflict: ${msg}.`,
    };
    return new ConflictError(text[reason], { ...details, reason });
  }
  if (s === 413) {
    return new PayloadTooLargeError("The request is too large for the Partnerships API. Send fewer items.", details);
  }
  if (s === 422) {
    const idempotencyKeyReused = /idempotency-key was used with a different request/i.test(msg);
    const text = idempotencyKeyReused
      ? "This change's Idempotency-Key was already used for a different request. Start the change again (a new key)."
      : `The Partnerships API could not process the request: ${msg}.`;
    return new ValidationFailedError(text, { ...details, idempotencyKeyReused });
  }
  if (s === 429) {
    const wait = meta.retryAfterSeconds === null ? "shortly" : `in ${meta.retryAfterSeconds} s`;
    return new RateLimitedError(
      `The Partnerships API rate limit for this action was reached. Try again ${wait}.`,
      details,
    );
  }
  if (s >= 500) {
    return new UpstreamServerError(
      `The Partnerships API failed (${s}${raw === null ? "" : `: ${msg}`}) after ${meta.attempts} attempt(s). Try again later.`,
      details,
    );
  }
  return new BadRequestError(`The Partnerships API rejected the request (${s}): ${msg}.`, details);
}
