import type { ReactNode } from "react";
import { PrivacyNav } from "@/components/privacy/privacy-nav";
import { PageHeader } from "@/components/shell/page-header";
import { requireSection } from "@/server/auth";

export default async function PrivacyLayout({ children }: { children: ReactNode }) {
  await requireSection("/privacy");
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Consumer privacy requests to the Rokt network, merchant data deletions, and the history of both."
      />
      <PrivacyNav />
      {children}
    </>
  );
}
