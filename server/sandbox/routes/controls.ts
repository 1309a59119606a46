import { putControlsRequest, putStatusRequest } from "@/lib/partnerships";
import { taxonomyPairKey } from "@/lib/partnerships/taxonomy";
import { badRequest, conflict, iso, notFound, parseQuery } from "../http";
import { ownedAccount, parentHeaderIfPresent, type Rc, read } from "../pipeline";
import { LIMITS } from "../ratelimit";
import { prep } from "../state";
import {
  type AccountRow,
  assertWritable,
  controlsView,
  getAccount,
  type StoredPair,
  statusView,
} from "../store/accounts";
import { getOperation } from "../store/operations";
import { accountWrite, markDryRun, validateWrite } from "../write";

const MCL = "/v1/partnership/accounts/{account_id}/marketplacecontrolslists";
const STATUS = "/v1/partnership/accounts/{account_id}/status";

/** Reads of one account: token → rate limit → parent header if present → account → query → answer. */
function accountRead(rc: Rc, route: string, accountId: string, view: (a: AccountRow) => unknown) {
  return read(rc, route, LIMITS.read, () => {
    parentHeaderIfPresent(rc);
    const a = ownedAccount(rc, accountId);
    parseQuery(rc.url, []);
    return view(a);
  });
}

export const getControls = (rc: Rc, accountId: string) =>
  accountRead(rc, `GET ${MCL}`, accountId, (a) => controlsView(rc.s, a));

export const getStatus = (rc: Rc, accountId: string) =>
  accountRead(rc, `GET ${STATUS}`, accountId, (a) => statusView(rc.s, a));

/** PUT controls (SPEC §5.4): replaces the whole list; translation through the platform's mapping. */
export function putControls(rc: Rc, accountId: string): Promise<Response> {
  markDryRun(rc);
  const { s } = rc;
  return accountWrite(rc, accountId, `PUT ${MCL}`, LIMITS.putControls, "putMarketplaceControls", async (_a, raw) => {
    const body = validateWrite(rc, raw, putControlsRequest);
    return () => {
      const pairs: StoredPair[] = (body.blockedVerticals ?? []).map((v, i) => {
        const rokt = s.mapping.get(taxonomyPairKey(v.partnerVerticalId, v.partnerSubVerticalId));
        if (!rokt) {
          throw badRequest(
            `blockedVerticals[${i}] (${v.partnerVerticalId}, ${v.partnerSubVerticalId}) has no mapping in the platform's taxonomy`,
          );
        }
        return { pv: v.partnerVerticalId, psv: v.partnerSubVerticalId, rv: rokt.verticalId, rsv: rokt.subVerticalId };
      });
      const a = getAccount(s, accountId) as AccountRow;
      assertWritable(s, a);
      if (body.contentHash !== undefined && body.contentHash !== controlsView(s, a).contentHash) {
        throw conflict("contentHash is stale");
      }
      pairs.sort((x, y) => x.pv - y.pv || x.psv - y.psv);
      const domains = (body.domains ?? []).map((d) => d.domain).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      const verticalsJson = JSON.stringify(pairs);
      const domainsJson = JSON.stringify(domains);
      if (a.mcl_name !== body.name || a.mcl_verticals !== verticalsJson || a.mcl_domains !== domainsJson) {
        prep(
          s,
          "UPDATE accounts SET mcl_name = ?, mcl_verticals = ?, mcl_domains = ?, updated_at = ? WHERE account_id = ?",
        ).run(body.name, verticalsJson, domainsJson, iso(s.now()), accountId);
      }
      return { status: 200, data: controlsView(s, getAccount(s, accountId) as AccountRow) };
    };
  });
}

/** PUT status (SPEC §5.5): every non-archived variant follows; archived ones never change. */
export function putStatus(rc: Rc, accountId: string): Promise<Response> {
  markDryRun(rc);
  const { s } = rc;
  return accountWrite(rc, accountId, `PUT ${STATUS}`, LIMITS.putStatus, "putPartnershipStatus", async (_a, raw) => {
    const body = validateWrite(rc, raw, putStatusRequest);
    return () => {
      const a = getAccount(s, accountId) as AccountRow;
      assertWritable(s, a);
      const changedAccount = a.status !== body.status;
      const changedVariants = prep(
        s,
        "UPDATE variants SET status = ? WHERE account_id = ? AND status NOT IN ('archived', ?)",
      ).run(body.status, accountId, body.status).changes;
      if (changedAccount || changedVariants > 0) {
        prep(s, "UPDATE accounts SET status = ?, updated_at = ? WHERE account_id = ?").run(
          body.status,
          iso(s.now()),
          accountId,
        );
      }
      return { status: 200, data: statusView(s, getAccount(s, accountId) as AccountRow) };
    };
  });
}

/** GET /v1/partnership/operations/{operation_id} (SPEC §4). */
export function getOperationRoute(rc: Rc, operationId: string): Promise<Response> {
  return read(rc, "GET /v1/partnership/operations/{operation_id}", LIMITS.operations, () => {
    parentHeaderIfPresent(rc);
    const op = getOperation(rc.s, rc.parentId, operationId);
    if (!op) throw notFound(`operation ${operationId.slice(0, 80)} not found`);
    parseQuery(rc.url, []);
    return op;
  });
}
