import "server-only";
import { accountStatusView } from "@/lib/partnerships";
import { accountPath } from "./accounts";
import type { Transport } from "./transport";
import type { PartnershipsClient } from "./types";

const ROUTE = "/v1/partnership/accounts/{account_id}/status";

export function statusApi(t: Transport): Pick<PartnershipsClient, "getStatus" | "putStatus"> {
  return {
    getStatus: (accountId, opts = {}) =>
      t.call({
        method: "GET",
        route: ROUTE,
        path: `${accountPath(accountId)}/status`,
        schema: accountStatusView,
        kind: "read",
        accountScoped: true,
        signal: opts.signal,
      }),

    putStatus: (accountId, body, opts) =>
      t.call({
        method: "PUT",
        route: ROUTE,
        path: `${accountPath(accountId)}/status`,
        body,
        schema: accountStatusView,
        kind: "write",
        accountScoped: true,
        idempotencyKey: opts.idempotencyKey,
        dryRun: opts.dryRun,
        onOperationId: opts.onOperationId,
        signal: opts.signal,
      }),
  };
}
