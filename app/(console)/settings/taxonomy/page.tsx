import type { Metadata } from "next";
import { TaxonomyImport } from "@/components/settings/taxonomy-import";
import { TaxonomyTable, TaxonomyVersions } from "@/components/settings/taxonomy-tables";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { getPartnerTaxonomy } from "@/server/taxonomy";

export const metadata: Metadata = { title: "Taxonomy" };

/** Settings → Taxonomy (admins): the partner's verticals, an import with preview, and every version. */
export default async function TaxonomyPage() {
  await requireSection("/settings");
  const taxonomy = await getPartnerTaxonomy();
  const versions = await (await getConsoleDb()).taxonomyVersions.list();
  const sandbox = getEnv().sandboxMode;
  return (
    <>
      <PageHeader
        title="Taxonomy"
        description="The partner's verticals and sub-verticals: every picker and filter of the console uses them. Import the CSV you send Rokt to change them."
        actions={
          <a className={buttonClasses("secondary")} href="/api/settings/taxonomy/current.csv" download>
            Download current
          </a>
        }
      />
      <div className="space-y-8">
        <section aria-labelledby="import-heading" className="space-y-3">
          <h2 id="import-heading" className="text-lg font-semibold">
            Import a taxonomy
          </h2>
          <p className="max-w-prose text-sm text-fg-muted">
            The same columns as the file the partner sends Rokt:{" "}
            <code>
              partner_vertical_id,partner_vertical_name,partner_sub_vertical_id,partner_sub_vertical_name,rokt_vertical_id,rokt_sub_vertical_id
            </code>
            . A pair (vertical id, sub-vertical id) is the identity: a pair with other names is renamed, a pair only in
            the new file is added, a pair missing from it is removed. Applying makes the file the next version; earlier
            versions stay downloadable below.
          </p>
          <TaxonomyImport />
        </section>
        <TaxonomyVersions versions={versions} current={taxonomy.version} />
        <TaxonomyTable tree={taxonomy.tree} version={taxonomy.version} sandbox={sandbox} />
      </div>
    </>
  );
}
