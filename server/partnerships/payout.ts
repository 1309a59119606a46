import "server-only";
import { dataDeletionResponse, payoutSetupResponse } from "@/lib/partnerships";
import { accountPath, accountWrite } from "./accounts";
import { BadRequestError } from "./errors";
import type { Transport } from "./transport";
import type { PartnershipsClient } from "./types";

export function payoutApi(t: Transport): Pick<PartnershipsClient, "payoutSetup" | "requestDataDeletion"> {
  return {
    payoutSetup: async (accountId, body, opts) => {
      if (opts.dryRun) {
        // Upstream would answer 400 and keep that under the key, spending it: refuse here instead.
        throw new BadRequestError(
          "Payout setup has no dry-run (SPEC §5.9): send it live, or skip the preview for this step.",
          { status: 400, field: "dry_run", local: true },
        );
      }
      return t.call({
        method: "POST",
        route: "/v1/partnership/accounts/{account_id}/payout-setup",
        path: `${accountPath(accountId)}/payout-setup`,
        body,
        schema: payoutSetupResponse,
        ...accountWrite({ ...opts, dryRun: undefined }),
      });
    },

    requestDataDeletion: (accountId, body, opts) =>
      t.call({
        method: "POST",
        route: "/v1/partnership/accounts/{account_id}/data-deletion-requests",
        path: `${accountPath(accountId)}/data-deletion-requests`,
        body,
        schema: dataDeletionResponse,
        ...accountWrite(opts),
      }),
  };
}
