import "server-only";
import { networkPrivacyAccepted, operation } from "@/lib/partnerships";
import { OPERATION_ROUTE, operationPath } from "./recovery";
import type { Transport } from "./transport";
import type { PartnershipsClient } from "./types";

export function privacyApi(t: Transport): Pick<PartnershipsClient, "networkPrivacyRequest" | "getOperation"> {
  return {
    // No Idempotency-Key and no operation upstream: "unkeyed" keeps it from being sent twice (SPEC §9).
    networkPrivacyRequest: (body, opts = {}) =>
      t.call({
        method: "POST",
        route: "/v1/partnership/network-privacy-requests",
        path: "/v1/partnership/network-privacy-requests",
        query: { parent_account_id: t.cfg.parentAccountId },
        body,
        schema: networkPrivacyAccepted,
        kind: "unkeyed",
        dryRun: opts.dryRun,
        signal: opts.signal,
      }),

    getOperation: (operationId, opts = {}) =>
      t.call({
        method: "GET",
        route: OPERATION_ROUTE,
        path: operationPath(operationId),
        schema: operation,
        kind: "read",
        signal: opts.signal,
      }),
  };
}
