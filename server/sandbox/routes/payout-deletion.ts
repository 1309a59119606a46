import { dataDeletionRequest, payoutSetupRequest } from "@/lib/partnerships";
import { iso, newUuid, randomAlnum } from "../http";
import type { Rc } from "../pipeline";
import { LIMITS } from "../ratelimit";
import { prep } from "../state";
import { type AccountRow, assertWritable, getAccount } from "../store/accounts";
import { accountWrite, markDryRun, validateWrite } from "../write";

const BASE = "/v1/partnership/accounts/{account_id}";
const LINK_TTL_MS = 5 * 60 * 1000;

/** POST payout-setup (SPEC §5.9): one Stripe account per merchant, a fresh link each call; no dry-run. */
export function payoutSetup(rc: Rc, accountId: string): Promise<Response> {
  markDryRun(rc);
  const { s } = rc;
  return accountWrite(
    rc,
    accountId,
    `POST ${BASE}/payout-setup`,
    LIMITS.payoutSetup,
    "payoutSetup",
    async (_a, raw) => {
      const body = validateWrite(rc, raw, payoutSetupRequest, { noDryRun: true });
      return () => {
        const a = getAccount(s, accountId) as AccountRow;
        assertWritable(s, a);
        const stripeAccountId =
          a.stripe_account_id ?? `acct_${randomAlnum(16).toUpperCase().slice(0, 8)}${randomAlnum(8)}`;
        const now = s.now();
        const link = {
          onboarding_url: `https://connect.stripe.com/setup/e/${stripeAccountId}/${randomAlnum(32)}`,
          expires_at: iso(now + LINK_TTL_MS),
          return_url: body.return_url,
          refresh_url: body.refresh_url,
          created_at: iso(now),
        };
        prep(s, "UPDATE accounts SET stripe_account_id = ?, payout_link = ? WHERE account_id = ?").run(
          stripeAccountId,
          JSON.stringify(link),
          accountId,
        );
        return {
          status: 200,
          data: {
            account_id: accountId,
            stripe_account_id: stripeAccountId,
            onboarding_url: link.onboarding_url,
            expires_at: link.expires_at,
          },
        };
      };
    },
  );
}

/** POST data-deletion-requests (SPEC §5.11): 202, then deleting → deleted, derived from the commit time. */
export function dataDeletion(rc: Rc, accountId: string): Promise<Response> {
  markDryRun(rc);
  const { s } = rc;
  return accountWrite(
    rc,
    accountId,
    `POST ${BASE}/data-deletion-requests`,
    LIMITS.dataDeletion,
    "dataDeletion",
    async (_a, raw) => {
      const body = validateWrite(rc, raw, dataDeletionRequest);
      const operationId = rc.headers["X-Operation-Id"] as string;
      return () => {
        assertWritable(s, getAccount(s, accountId) as AccountRow);
        const deletionRequestId = newUuid();
        prep(
          s,
          `UPDATE accounts SET deletion_at = ?, deletion_request_id = ?, deletion_reason = ?, deletion_operation_id = ?
             WHERE account_id = ?`,
        ).run(s.now(), deletionRequestId, body.reason, operationId, accountId);
        return {
          status: 202,
          longRunning: true,
          data: {
            account_id: accountId,
            deletion_request_id: deletionRequestId,
            operation_id: operationId,
            status: "pending",
          },
        };
      };
    },
  );
}
