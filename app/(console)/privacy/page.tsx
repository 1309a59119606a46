import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireSection } from "@/server/auth";

export const metadata: Metadata = { title: "Privacy requests" };

export default async function PrivacyPage() {
  await requireSection("/privacy");
  return (
    <>
      <PageHeader title="Privacy requests" description="Consumer privacy requests and account data deletions." />
      <EmptyState title="Not built yet">
        Privacy requests and data deletions are planned for a later release. Nothing can be submitted from this page
        yet.
      </EmptyState>
    </>
  );
}
