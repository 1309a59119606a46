import "server-only";
import type { Kysely, Selectable } from "kysely";
import type { Database, PayoutLinksTable } from "../schema";
import type { PayoutLink, PayoutLinksRepo } from "../types";
import { nowIso } from "../util";

function toLink(row: Selectable<PayoutLinksTable>): PayoutLink {
  return {
    accountId: row.account_id,
    stripeAccountId: row.stripe_account_id,
    onboardingUrl: row.onboarding_url,
    expiresAt: row.expires_at,
    operationId: row.operation_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/**
 * One row per merchant: the latest onboarding link, so the Payouts section can
 * show it after a reload (the API has no read for it). One conditional upsert:
 * when two requests overlap, the link that expires later wins whatever order
 * they commit in. Expiry times are ISO 8601 UTC strings of one fixed shape, so
 * comparing them as text compares them in time.
 */
export function payoutLinksRepo(db: Kysely<Database>): PayoutLinksRepo {
  return {
    async record(link) {
      await db
        .insertInto("payout_links")
        .values({
          account_id: link.accountId,
          stripe_account_id: link.stripeAccountId,
          onboarding_url: link.onboardingUrl,
          expires_at: link.expiresAt,
          operation_id: link.operationId,
          created_by: link.createdBy,
          created_at: nowIso(),
        })
        .onConflict((oc) =>
          oc
            .column("account_id")
            .doUpdateSet((eb) => ({
              stripe_account_id: eb.ref("excluded.stripe_account_id"),
              onboarding_url: eb.ref("excluded.onboarding_url"),
              expires_at: eb.ref("excluded.expires_at"),
              operation_id: eb.ref("excluded.operation_id"),
              created_by: eb.ref("excluded.created_by"),
              created_at: eb.ref("excluded.created_at"),
            }))
            .where((eb) => eb("payout_links.expires_at", "<=", eb.ref("excluded.expires_at"))),
        )
        .execute();
    },

    async get(accountId) {
      const row = await db
        .selectFrom("payout_links")
        .selectAll()
        .where("account_id", "=", accountId)
        .executeTakeFirst();
      return row ? toLink(row) : undefined;
    },
  };
}
