import "server-only";
import { controls } from "@/lib/partnerships";
import { accountPath, accountRead, accountWrite } from "./accounts";
import type { Transport } from "./transport";
import type { PartnershipsClient } from "./types";

const ROUTE = "/v1/partnership/accounts/{account_id}/marketplacecontrolslists";

export function controlsApi(t: Transport): Pick<PartnershipsClient, "getControls" | "putControls"> {
  return {
    getControls: (accountId, opts) =>
      t.call({
        method: "GET",
        route: ROUTE,
        path: `${accountPath(accountId)}/marketplacecontrolslists`,
        schema: controls,
        ...accountRead(opts),
      }),

    putControls: (accountId, body, opts) =>
      t.call({
        method: "PUT",
        route: ROUTE,
        path: `${accountPath(accountId)}/marketplacecontrolslists`,
        body,
        schema: controls,
        ...accountWrite(opts),
      }),
  };
}
