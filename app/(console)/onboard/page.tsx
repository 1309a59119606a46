import type { Metadata } from "next";
import { DraftsList, NewDraftButton } from "@/components/onboarding/drafts-list";
import { PageHeader } from "@/components/shell/page-header";
import { loadDrafts } from "@/server/onboarding/page-data";

export const metadata: Metadata = { title: "Onboard a merchant" };

export default async function OnboardPage() {
  const drafts = await loadDrafts();
  return (
    <>
      <PageHeader
        title="Onboard a merchant"
        description="Register a merchant, choose its surfaces, controls and theme, check every write with a dry run, then take it live. Drafts are saved as you go."
        actions={<NewDraftButton />}
      />
      <DraftsList drafts={drafts} />
    </>
  );
}
