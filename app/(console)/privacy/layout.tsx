import type { ReactNode } from "react";
import { PageHeader } from "@/components/shell/page-header";
import { SectionNav } from "@/components/shell/section-nav";
import { requireSection } from "@/server/auth";

const PRIVACY_SECTIONS = [
  { href: "/privacy/request", label: "Consumer request" },
  { href: "/privacy/deletion", label: "Merchant data deletion" },
  { href: "/privacy/history", label: "History" },
];

export default async function PrivacyLayout({ children }: { children: ReactNode }) {
  await requireSection("/privacy");
  return (
    <>
      <PageHeader
        title="Privacy"
        description="Consumer privacy requests to the Rokt network, merchant data deletions, and the history of both."
      />
      <SectionNav label="Privacy sections" links={PRIVACY_SECTIONS} />
      {children}
    </>
  );
}
