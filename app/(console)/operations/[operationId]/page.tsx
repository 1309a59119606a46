import type { Metadata } from "next";
import Link from "next/link";
import { OperationView } from "@/components/operations/operation-view";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireSection } from "@/server/auth";
import { getConsoleDb } from "@/server/db";
import { loadOperationPage } from "./data";

export const metadata: Metadata = { title: "Operation" };

export default async function OperationPage({ params }: { params: Promise<{ operationId: string }> }) {
  await requireSection("/operations");
  const { operationId: raw } = await params;
  let operationId: string;
  try {
    operationId = decodeURIComponent(raw);
  } catch {
    operationId = raw; // a malformed escape is simply not an operation id
  }
  const loaded = await loadOperationPage(await getConsoleDb(), operationId);
  if (loaded.kind === "not_found") {
    return (
      <>
        <PageHeader title="Operation not found" />
        <EmptyState
          title="Operation not found"
          action={
            <Link href="/operations" className="text-accent underline">
              Back to operations
            </Link>
          }
        >
          {`No operation ${operationId.slice(0, 128)} belongs to this platform. The API shows only the operations of this partner's own account; check the id and try again.`}
        </EmptyState>
      </>
    );
  }
  if (loaded.kind === "error") {
    return (
      <>
        <PageHeader title={`Operation ${operationId}`} />
        <div role="alert" className="rounded-card border border-danger bg-surface p-4 text-sm">
          <p className="font-semibold">The operation could not be read.</p>
          <p className="mt-1">{loaded.message}</p>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`Operation ${operationId}`}
        description="Its status, read from the Partnerships API, and what the console knows of it."
      />
      <OperationView operation={loaded.operation} journal={loaded.journal} request={loaded.request} />
    </>
  );
}
