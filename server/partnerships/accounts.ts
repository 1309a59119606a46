import "server-only";
import { accountList, registerResponse } from "@/lib/partnerships";
import type { Transport } from "./transport";
import type { PartnershipsClient, ReadOptions, WriteOptions } from "./types";

export const accountPath = (accountId: string) => `/v1/partnership/accounts/${encodeURIComponent(accountId)}`;

/** What every read of one account's resource shares in its call spec. */
export const accountRead = (opts: ReadOptions = {}) => ({
  kind: "read" as const,
  accountScoped: true,
  signal: opts.signal,
});

/** What every keyed write shares: the caller's one key for this intent, dry-run, and the early operation-id hook. */
export const keyedWrite = (opts: WriteOptions) => ({
  kind: "write" as const,
  idempotencyKey: opts.idempotencyKey,
  dryRun: opts.dryRun,
  onOperationId: opts.onOperationId,
  signal: opts.signal,
});
export const accountWrite = (opts: WriteOptions) => ({ ...keyedWrite(opts), accountScoped: true });

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
        ...keyedWrite(opts),
      }),
  };
}
