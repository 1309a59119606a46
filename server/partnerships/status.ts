import "server-only";
import { accountStatusView } from "@/lib/partnerships";
import { accountPath, accountRead, accountWrite } from "./accounts";
import type { Transport } from "./transport";
import type { PartnershipsClient } from "./types";

const ROUTE = "/v1/partnership/accounts/{account_id}/status";

export function statusApi(t: Transport): Pick<PartnershipsClient, "getStatus" | "putStatus"> {
  return {
    getStatus: (accountId, opts) =>
      t.call({
        method: "GET",
        route: ROUTE,
        path: `${accountPath(accountId)}/status`,
        schema: accountStatusView,
        ...accountRead(opts),
      }),

    putStatus: (accountId, body, opts) =>
      t.call({
        method: "PUT",
        route: ROUTE,
        path: `${accountPath(accountId)}/status`,
        body,
        schema: accountStatusView,
        ...accountWrite(opts),
      }),
  };
}
