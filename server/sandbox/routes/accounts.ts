import { createHmac } from "node:crypto";
import { normalizeStoreIdentifier, registerRequest } from "@/lib/partnerships";
import { taxonomyPairKey } from "@/lib/partnerships/taxonomy";
import { badRequest, conflict, forbidden, iso, newUuid, parseQuery, type RawBody, readBody } from "../http";
import { authAndCount, errorResponse, parentHeaderIfPresent, parentHeaderRequired, type Rc, read } from "../pipeline";
import { LIMITS } from "../ratelimit";
import { prep, type SandboxState } from "../state";
import { type AccountRow, effective, listRow, pagesOf } from "../store/accounts";
import { allocateOperation } from "../store/operations";
import { freshPageIds, insertPage, pageStatements } from "../store/pages";
import { type Allocated, markDryRun, settleWrite, validateWrite } from "../write";

function newAccountId(s: SandboxState): string {
  for (;;) {
    // Seeded ids start with 4 or 5; registered ones with 6–9, so they never collide.
    const id = String(6 + Math.floor(Math.random() * 4)) + String(Math.floor(Math.random() * 1e15)).padStart(15, "0");
    if (!prep(s, "SELECT 1 FROM accounts WHERE account_id = ?").get(id)) return id;
  }
}

const registerView = (s: SandboxState, a: AccountRow) => ({
  account_id: a.account_id,
  external_account_id: a.external_account_id,
  status: effective(s, a).status,
  pages: pagesOf(s, a.account_id),
});

/** POST /v1/accounts/register/partnership (SPEC §5.1). No Idempotency-Key: dedup on external_account_id. */
export async function register(rc: Rc): Promise<Response> {
  const { s } = rc;
  markDryRun(rc);
  let w: Allocated;
  let raw: RawBody;
  try {
    authAndCount(rc, "POST /v1/accounts/register/partnership", LIMITS.register);
    parentHeaderRequired(rc);
    raw = await readBody(rc.req);
    const dryRun = rc.dryRunWrite;
    const operationId = s.db.transaction(() =>
      allocateOperation(s, rc.parentId, "registerPartnership", null, dryRun),
    )();
    w = { operationId, dryRun, reportsAccount: true };
  } catch (e) {
    return errorResponse(rc, e);
  }
  return settleWrite(rc, w, async () => {
    const body = validateWrite(rc, raw, registerRequest);
    return () => {
      if (body.platform_parent_account_id !== rc.parentId) {
        throw forbidden("platform_parent_account_id does not match X-Platform-Parent-Account-Id");
      }
      const existing = prep(s, "SELECT * FROM accounts WHERE parent_id = ? AND external_account_id = ?").get(
        rc.parentId,
        body.external_account_id,
      ) as AccountRow | undefined;
      const norm = normalizeStoreIdentifier(body.store_identifier);
      if (existing) {
        if (existing.store_norm !== norm)
          throw conflict("external_account_id is registered with another store_identifier");
        return { status: 200, data: registerView(s, existing), accountId: existing.account_id };
      }
      const rokt = s.mapping.get(taxonomyPairKey(body.vertical_id, body.sub_vertical_id));
      if (!rokt) {
        throw badRequest(
          `vertical_id ${body.vertical_id} / sub_vertical_id ${body.sub_vertical_id} has no mapping in the platform's taxonomy`,
        );
      }
      const accountId = newAccountId(s);
      const now = iso(s.now());
      prep(
        s,
        `INSERT INTO accounts (account_id, parent_id, external_account_id, brand, country_code, store_identifier,
           store_norm, vertical_id, sub_vertical_id, rokt_vertical_id, rokt_sub_vertical_id, status, created_at,
           updated_at, mcl_id, mcl_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'paused', ?, ?, ?, ?)`,
      ).run(
        accountId,
        rc.parentId,
        body.external_account_id,
        body.brand,
        body.country_code,
        body.store_identifier,
        norm,
        body.vertical_id,
        body.sub_vertical_id,
        rokt.verticalId,
        rokt.subVerticalId,
        now,
        now,
        newUuid(),
        `${body.brand} Controls`,
      );
      const st = pageStatements(s.db);
      for (const p of body.pages ?? [])
        insertPage(st, accountId, p.surface, p.layout_type, "paused", now, freshPageIds());
      const created = prep(s, "SELECT * FROM accounts WHERE account_id = ?").get(accountId) as AccountRow;
      return { status: 200, data: registerView(s, created), accountId };
    };
  });
}

function cursorMac(s: SandboxState, parentId: string, payload: string): string {
  return createHmac("sha256", s.cursorSecret).update(`${parentId}|${payload}`).digest("base64url").slice(0, 16);
}

function encodeCursor(s: SandboxState, parentId: string, a: AccountRow): string {
  const payload = Buffer.from(JSON.stringify([a.created_at, a.account_id])).toString("base64url");
  return `${payload}.${cursorMac(s, parentId, payload)}`;
}

function decodeCursor(s: SandboxState, parentId: string, cursor: string): [string, string] {
  const [payload = "", mac = "", extra] = cursor.split(".");
  if (extra !== undefined || mac !== cursorMac(s, parentId, payload))
    throw badRequest(`cursor ${cursor.slice(0, 80)} is not valid`);
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [string, string];
}

/** GET /v1/partnership/accounts?parent_account_id= (SPEC §5.2): keyset pages by (created_at, account_id). */
export function listAccounts(rc: Rc): Promise<Response> {
  return read(rc, "GET /v1/partnership/accounts", LIMITS.read, () => {
    const { s, url } = rc;
    const parents = url.searchParams.getAll("parent_account_id");
    if (parents.length === 0 || parents[0] === "") throw badRequest("parent_account_id is required");
    if (parents.length > 1) throw badRequest("query parameter parent_account_id is repeated");
    if (parents[0] !== rc.parentId) throw forbidden("parent_account_id is not the token's manager account");
    parentHeaderIfPresent(rc);
    const q = parseQuery(url, ["parent_account_id", "limit", "cursor"]);
    const rawLimit = q.get("limit");
    let limit = 50;
    if (rawLimit !== undefined) {
      if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 200) {
        throw badRequest(`limit ${rawLimit.slice(0, 40)} must be an integer from 1 to 200`);
      }
      limit = Number(rawLimit);
    }
    const rawCursor = q.get("cursor");
    const after = rawCursor !== undefined ? decodeCursor(s, rc.parentId, rawCursor) : null;
    const rows = (
      after
        ? prep(
            s,
            `SELECT * FROM accounts WHERE parent_id = ? AND (created_at, account_id) > (?, ?)
               ORDER BY created_at, account_id LIMIT ?`,
          ).all(rc.parentId, after[0], after[1], limit + 1)
        : prep(s, "SELECT * FROM accounts WHERE parent_id = ? ORDER BY created_at, account_id LIMIT ?").all(
            rc.parentId,
            limit + 1,
          )
    ) as AccountRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      accounts: page.map((a) => listRow(s, a)),
      next_cursor: rows.length > limit && last ? encodeCursor(s, rc.parentId, last) : null,
    };
  });
}
