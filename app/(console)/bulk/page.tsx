import type { Metadata } from "next";
import Link from "next/link";
import { BulkJobsTable } from "@/components/bulk/bulk-jobs-table";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireSection } from "@/server/auth";
import { resumeJobsFromPage } from "@/server/bulk/page-data";
import { listJobViews } from "@/server/bulk/service";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Bulk jobs" };

export default async function BulkJobsPage() {
  await requireSection("/bulk");
  const db = await getConsoleDb();
  await resumeJobsFromPage(db);
  const jobs = await listJobViews(db, 100).catch(() => null);
  return (
    <>
      <PageHeader
        title="Bulk jobs"
        description="Changes made to many merchants at once, newest first. Start one by selecting merchants in the merchant list."
      />
      {jobs === null ? (
        <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
          The bulk jobs could not be loaded. Reload the page to try again.
        </div>
      ) : jobs.length === 0 ? (
        <EmptyState
          title="No bulk jobs yet"
          action={
            <Link href="/merchants" className="text-accent underline">
              Select merchants
            </Link>
          }
        >
          Select merchants in the merchant list, then pause, resume, block or unblock them all at once.
        </EmptyState>
      ) : (
        <BulkJobsTable jobs={jobs} caption="Bulk jobs, newest first" />
      )}
    </>
  );
}
