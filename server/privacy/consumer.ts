import "server-only";
import type { NetworkPrivacyRequest } from "@/lib/partnerships/privacy";
import { IDENTIFIER_TYPES } from "@/lib/partnerships/privacy";
import { DUPLICATE_WINDOW_MS, findDuplicate, privacyFingerprint } from "@/lib/privacy/duplicate";
import { REQUEST_TYPE_LABELS } from "@/lib/privacy/form";
import { maskIdentifier } from "@/lib/privacy/mask";
import { HttpError } from "@/server/api/http";
import type { HandlerContext, HandlerResult } from "@/server/api/types";
import { upstreamOk } from "@/server/api/types";
import { isUpstreamError, mapUpstreamError } from "@/server/api/upstream-errors";

export type ConsumerQuery = { dry_run?: "true" | "false"; confirm_duplicate?: "true" | "false" };

/** What the audit log keeps of a consumer privacy request: the type and the identifier masked, never the identifier. */
export function summarizeConsumerRequest(body: NetworkPrivacyRequest) {
  const identifierType = IDENTIFIER_TYPES.find((k) => body[k] !== undefined) ?? null;
  return { requestType: body.requestType, identifierType, identifier: maskIdentifier(body) };
}

/** "2026-03-01T12:00:00.000Z" → "2026-03-01 12:00 UTC". */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * A network privacy request (SPEC §5.10). The API has no idempotency here and
 * every call creates a new request, so the console guards it itself: the
 * wrapper's intent table makes one request per intent (a resend of an unknown
 * outcome replays it), and this refuses a second request of the same type for
 * the same person within 24 hours unless the person confirms it. Every live
 * request is kept in the privacy history, whatever its outcome, with its
 * identifier masked.
 */
export async function submitConsumerRequest(
  ctx: HandlerContext<unknown, ConsumerQuery, NetworkPrivacyRequest>,
): Promise<HandlerResult> {
  const { body, db, user } = ctx;
  const client = await ctx.client();
  const masked = maskIdentifier(body);
  const identifierType = IDENTIFIER_TYPES.find((k) => body[k] !== undefined) ?? "email";
  if (ctx.dryRun) {
    const result = await client.networkPrivacyRequest(body, { dryRun: true, signal: ctx.request.signal });
    return upstreamOk(result);
  }

  const fingerprint = await privacyFingerprint(body.requestType, body);
  const now = new Date();
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  const earlier = findDuplicate(await db.privacyRequests.recentByFingerprint(fingerprint, since), fingerprint, now);
  if (earlier && ctx.query.confirm_duplicate !== "true") {
    ctx.audit.message = `possible duplicate of privacy request ${earlier.id}; not sent`;
    throw new HttpError(
      422,
      "possible_duplicate",
      `A ${REQUEST_TYPE_LABELS[body.requestType as keyof typeof REQUEST_TYPE_LABELS] ?? body.requestType} request for ${masked} was already submitted ${when(earlier.createdAt)} by ${earlier.submittedByEmail ?? "someone"}${earlier.upstreamRequestId ? ` (request ID ${earlier.upstreamRequestId})` : ""}. Sending it again creates a second request at Rokt. Nothing was sent.`,
    );
  }

  const row = await db.privacyRequests.create({
    kind: "consumer",
    requestType: body.requestType,
    identifierType,
    identifierMasked: masked,
    fingerprint,
    status: "sending",
    submittedById: user?.id ?? null,
    submittedByEmail: user?.email ?? null,
    idempotencyKey: ctx.idempotencyKey,
  });
  try {
    // No signal: once sent, a browser going away must not leave the outcome unknown.
    const result = await client.networkPrivacyRequest(body);
    await db.privacyRequests.update(row.id, { status: "submitted", upstreamRequestId: result.data.requestId });
    ctx.audit.after = { requestId: result.data.requestId, status: result.data.status, historyId: row.id };
    return upstreamOk(result, { ...result.data, historyId: row.id });
  } catch (err) {
    const mapped = isUpstreamError(err) ? mapUpstreamError(err, { write: true, retrySafe: false }) : null;
    const unknown = mapped ? mapped.outcomeUnknown : true;
    const message = mapped?.error.message ?? (err instanceof Error ? err.message : String(err));
    await db.privacyRequests.update(row.id, { status: unknown ? "unknown" : "failed", error: message });
    ctx.audit.after = { status: unknown ? "outcome unknown" : "refused", historyId: row.id };
    throw err;
  }
}
