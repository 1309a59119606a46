import { networkPrivacyRequest } from "@/lib/partnerships";
import { applyFaults, shouldDrop } from "../faults";
import { badRequest, forbidden, iso, newUuid, parseJsonBody, parseOr400, parseQuery, readBody } from "../http";
import { authAndCount, DROP_HEADER, errorResponse, parentHeaderIfPresent, type Rc } from "../pipeline";
import { LIMITS } from "../ratelimit";
import { prep } from "../state";
import { markDryRun } from "../write";

/** POST /v1/partnership/network-privacy-requests (SPEC §5.10): no key, no operation; 202 not enveloped. */
export async function networkPrivacy(rc: Rc): Promise<Response> {
  markDryRun(rc);
  const { s, url } = rc;
  try {
    authAndCount(rc, "POST /v1/partnership/network-privacy-requests", LIMITS.networkPrivacy);
    await applyFaults(s);
    const parents = url.searchParams.getAll("parent_account_id");
    if (parents.length === 0 || parents[0] === "") throw badRequest("parent_account_id is required");
    if (parents.length > 1) throw badRequest("query parameter parent_account_id is repeated");
    if (parents[0] !== rc.parentId) throw forbidden("parent_account_id is not the token's manager account");
    parentHeaderIfPresent(rc);
    const q = parseQuery(url, ["parent_account_id", "dry_run"]);
    const raw = await readBody(rc.req);
    const body = parseOr400(networkPrivacyRequest, parseJsonBody(rc.req, raw));
    const requestId = newUuid();
    if (q.get("dry_run") !== "true") {
      const identifierType = body.email !== undefined ? "email" : body.phone !== undefined ? "phone" : "hashedEmail";
      const identifier = (body.email ?? body.phone ?? body.hashedEmail) as string;
      prep(
        s,
        `INSERT INTO privacy_requests (request_id, parent_id, request_type, identifier_type, identifier, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(requestId, rc.parentId, body.requestType, identifierType, identifier, iso(s.now()));
    }
    const res = new Response(JSON.stringify({ requestId, status: "submitted" }), {
      status: 202,
      headers: { "Content-Type": "application/json; charset=utf-8", "X-Network-Privacy-Request-Id": requestId },
    });
    if (shouldDrop(s)) res.headers.set(DROP_HEADER, "1");
    return res;
  } catch (e) {
    return errorResponse(rc, e);
  }
}
