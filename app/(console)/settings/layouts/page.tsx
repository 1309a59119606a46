import type { Metadata } from "next";
import { LayoutImport } from "@/components/settings/layout-import";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requireSection } from "@/server/auth";

export const metadata: Metadata = { title: "Layouts" };

/** Settings → Layouts (admins): import the layout ids of merchants onboarded outside the console. */
export default async function LayoutsPage() {
  await requireSection("/settings");
  return (
    <>
      <PageHeader
        title="Layouts"
        description="The API does not list a merchant's pages and layouts; the console learns them from its own writes. Import them for merchants onboarded elsewhere."
        actions={
          <a className={buttonClasses("secondary")} href="/api/settings/layouts/current.csv" download>
            Download current
          </a>
        }
      />
      <section aria-labelledby="layout-import-heading" className="space-y-3">
        <h2 id="layout-import-heading" className="text-lg font-semibold">
          Import layouts
        </h2>
        <div className="max-w-prose space-y-2 text-sm text-fg-muted">
          <p>
            Columns <code>account_id,page_id,layout_id,surface,layout_type</code> (the format of &ldquo;Download
            current&rdquo;), one row per page of a merchant.
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong className="text-fg">Added</strong>: a page the console did not know.{" "}
              <strong className="text-fg">Changed</strong>: a known page whose layout id, surface or type differs.{" "}
              <strong className="text-fg">Removed</strong>: a page the console knows for an account the file lists, but
              which the file does not list. Accounts the file does not name are left as they are.
            </li>
            <li>
              Rows for accounts that are not this partner&apos;s merchants are refused: an account must be in the
              merchant index, or, if the index does not list it, the API must answer for it as one of the
              platform&apos;s accounts.
            </li>
            <li>A file with any row error cannot be applied; applying is one transaction.</li>
          </ul>
        </div>
        <LayoutImport />
      </section>
    </>
  );
}
