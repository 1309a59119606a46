"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { DeletionProgress } from "./deletion-progress";

export interface ApprovalRow {
  id: string;
  label: string;
  reason: string;
  submittedById: string | null;
  submittedByEmail: string | null;
  createdAt: string;
}

/** Deletions awaiting a second admin: anyone but their requester may approve them. */
export function ApprovalList({ rows, userId }: { rows: ApprovalRow[]; userId: string }) {
  const { send, pending } = useIntentWrite();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState<{ operationId: string; accountId: string; label: string } | null>(null);

  async function approve(row: ApprovalRow) {
    setError(null);
    try {
      const res = await send<{ account_id: string }>({
        method: "POST",
        path: `/api/privacy/deletions/${row.id}/approve`,
      });
      if (res.operationId)
        setRunning({ operationId: res.operationId, accountId: res.data.account_id, label: row.label });
      router.refresh();
    } catch (err) {
      setError(describeWriteError(err));
    }
  }

  return (
    <section aria-labelledby="approvals-heading" className="space-y-3">
      <h3 id="approvals-heading" className="text-base font-semibold">
        Awaiting approval
      </h3>
      {running ? <DeletionProgress {...running} /> : null}
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      <ul className="space-y-2">
        {rows.map((r) => (
          <li
            key={r.id}
            className="flex flex-wrap items-center justify-between gap-3 rounded-card border border-border bg-surface p-3 text-sm"
          >
            <span>
              <strong>{r.label}</strong> — “{r.reason}”, requested by {r.submittedByEmail ?? "someone"} at{" "}
              <time dateTime={r.createdAt}>{`${r.createdAt.slice(0, 10)} ${r.createdAt.slice(11, 16)} UTC`}</time>
            </span>
            {r.submittedById === userId ? (
              <span className="text-fg-muted">Another admin must approve your request.</span>
            ) : (
              <Button
                variant="danger"
                size="sm"
                disabled={pending}
                onClick={() => approve(r)}
                aria-label={`Approve deletion of ${r.label}`}
              >
                Approve
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
