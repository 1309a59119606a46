import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireSection } from "@/server/auth";

export const metadata: Metadata = { title: "Onboard merchant" };

export default async function OnboardPage() {
  await requireSection("/onboard");
  return (
    <>
      <PageHeader title="Onboard merchant" description="Register a new merchant, its pages and its payout setup." />
      <EmptyState title="Not built yet">
        The onboarding wizard is planned for a later release. Until then, merchants cannot be onboarded from this
        console.
      </EmptyState>
    </>
  );
}
