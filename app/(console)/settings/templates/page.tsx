import type { Metadata } from "next";
import { TemplatesManager } from "@/components/settings/templates-manager";
import { PageHeader } from "@/components/shell/page-header";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";
import { templateViews } from "@/server/settings/template-usage";
import { getPartnerTaxonomy } from "@/server/taxonomy";

export const metadata: Metadata = { title: "Templates" };

/** Settings → Templates (admins): named sets of blocked verticals and domains the wizard and bulk actions start from. */
export default async function TemplatesPage() {
  await requireSection("/settings");
  const db = await getConsoleDb();
  const [templates, taxonomy] = await Promise.all([
    db.templates.list().then((t) => templateViews(db, t)),
    getPartnerTaxonomy(),
  ]);
  return (
    <>
      <PageHeader
        title="Templates"
        description="Named sets of blocked verticals and domains. The onboarding wizard's Controls step and bulk actions start from them."
      />
      <TemplatesManager initial={templates} taxonomy={taxonomy.tree} />
    </>
  );
}
