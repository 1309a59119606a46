import type { Metadata } from "next";
import Link from "next/link";
import { BulkJobLive } from "@/components/bulk/bulk-job";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { BULK_ACTION_LABELS } from "@/lib/bulk/schemas";
import { requireSection } from "@/server/auth";
import { resumeJobsFromPage } from "@/server/bulk/page-data";
import { itemViews, jobView } from "@/server/bulk/service";
import { getConsoleDb } from "@/server/db";

export const metadata: Metadata = { title: "Bulk job" };

export default async function BulkJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  await requireSection("/bulk");
  const { jobId } = await params;
  const db = await getConsoleDb();
  await resumeJobsFromPage(db);
  const job = /^[a-z0-9]{10,40}$/.test(jobId) ? await db.bulk.getJob(jobId) : undefined;
  if (!job) {
    return (
      <>
        <PageHeader title="Bulk job not found" />
        <EmptyState
          title="Bulk job not found"
          action={
            <Link href="/bulk" className="text-accent underline">
              All bulk jobs
            </Link>
          }
        >
          There is no bulk job with this id.
        </EmptyState>
      </>
    );
  }
  const [view, items] = await Promise.all([jobView(db, job), itemViews(db, job.id)]);
  return (
    <>
      <PageHeader
        title={`Bulk job: ${BULK_ACTION_LABELS[job.action]}`}
        description={`Started by ${job.createdByEmail ?? "unknown"}. It runs on the server: closing this page does not stop it.`}
      />
      <BulkJobLive initial={{ job: view, items }} />
    </>
  );
}
