import type { Metadata } from "next";
import { connection } from "next/server";
import { type PayoutLinkView, PayoutPanel } from "@/components/merchant-payouts/payout-panel";
import { LoadError } from "@/components/merchant-status/load-error";
import { hasRole } from "@/lib/auth/roles";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Payouts" };

async function loadLink(accountId: string, withUrl: boolean): Promise<PayoutLinkView | null | "error"> {
  try {
    const link = await (await getConsoleDb()).payoutLinks.get(accountId);
    if (!link) return null;
    return {
      stripeAccountId: link.stripeAccountId,
      // A bearer link: only those who may start onboarding receive it.
      onboardingUrl: withUrl ? link.onboardingUrl : null,
      expiresAt: link.expiresAt,
      createdAt: link.createdAt,
    };
  } catch (err) {
    console.error("payouts: link read failed:", err instanceof Error ? err.name : "unknown error");
    return "error";
  }
}

export default async function MerchantPayoutsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const user = await requireSection("/merchants");
  await connection();
  const { accountId } = await params;
  const canStart = hasRole(user.role, "account_manager");
  const link = await loadLink(accountId, canStart);
  if (link === "error") {
    return <LoadError what="The payout state" message="The console database could not be read. Try again." />;
  }
  return <PayoutPanel accountId={accountId} canStart={canStart} initialLink={link} renderedAt={Date.now()} />;
}
