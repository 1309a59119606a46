import type { ReactNode } from "react";
import { WizardProvider } from "@/components/onboarding/wizard-context";
import { WizardSteps } from "@/components/onboarding/wizard-steps";
import { PageHeader } from "@/components/shell/page-header";
import { loadWizardDraft } from "@/server/onboarding/page-data";
import { getPartnerTaxonomy } from "@/server/taxonomy";

export default async function WizardLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ draftId: string }>;
}) {
  const { draftId } = await params;
  const { draft } = await loadWizardDraft(draftId);
  const { tree } = await getPartnerTaxonomy();
  return (
    <WizardProvider
      draftId={draft.id}
      initial={draft.data}
      initialReached={draft.reached}
      updatedAt={draft.updatedAt}
      taxonomy={tree}
    >
      <PageHeader title="Onboard a merchant" description={draft.brand ?? "Untitled draft"} />
      <WizardSteps />
      {children}
    </WizardProvider>
  );
}
