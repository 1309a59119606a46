import "server-only";
import { accountList, registerResponse } from "@/lib/partnerships";
import type { Transport } from "./transport";
import type { PartnershipsClient } from "./types";

export const accountPath = (accountId: string) => `/v1/partnership/accounts/${encodeURIComponent(accountId)}`;

export function accountsApi(t: Transport): Pick<PartnershipsClient, "listAccounts" | "register"> {
  return {
    listAccounts: (query = {}, opts = {}) =>
      t.call({
        method: "GET",
        route: "/v1/partnership/accounts",
        path: "/v1/partnership/accounts",
        query: { parent_account_id: t.cfg.parentAccountId, limit: query.limit, cursor: query.cursor },
        schema: accountList,
        kind: "read",
        signal: opts.signal,
      }),

    // Register deduplicates on external_account_id, so resending it is safe; the
    // caller's key goes along for a real API that honours or requires one (SPEC §10).
    register: (body, opts) =>
      t.call({
        method: "POST",
        route: "/v1/accounts/register/partnership",
        path: "/v1/accounts/register/partnership",
        body,
        schema: registerResponse,
        kind: "write",
        idempotencyKey: opts.idempotencyKey,
        dryRun: opts.dryRun,
        onOperationId: opts.onOperationId,
        signal: opts.signal,
      }),
  };
}
