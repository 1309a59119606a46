"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { useOperationPoll } from "@/components/operations/use-operation-poll";
import { apiFetch } from "@/lib/api";
import { statusLabel } from "@/lib/operations/backoff";
import { operationProgress } from "@/lib/operations/progress";

/**
 * A deletion followed to its end: the operation polled (with backoff) for a
 * determinate progress bar, then the merchant's own status read until it says
 * deleted, which is what "Deleted" claims.
 */
export function DeletionProgress({
  operationId,
  accountId,
  label,
}: {
  operationId: string;
  accountId: string;
  label: string;
}) {
  const poll = useOperationPoll(operationId);
  const op = poll.kind === "loaded" ? poll.operation : poll.kind === "error" ? poll.operation : undefined;
  const [now, setNow] = useState(() => new Date());
  const [merchantStatus, setMerchantStatus] = useState<string | null>(null);

  useEffect(() => {
    if (op?.status === "completed" || op?.status === "failed") return;
    const t = setInterval(() => setNow(new Date()), 500);
    return () => clearInterval(t);
  }, [op?.status]);

  useEffect(() => {
    if (op?.status !== "completed") return;
    let stopped = false;
    (async () => {
      for (let i = 0; i < 10 && !stopped; i++) {
        try {
          const res = await apiFetch<{ data: { status: string } }>(`/api/merchants/${accountId}/status`);
          setMerchantStatus(res.data.data.status);
          if (res.data.data.status === "deleted") return;
        } catch {
          // read again below
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    return () => {
      stopped = true;
    };
  }, [op?.status, accountId]);

  const value = op ? operationProgress(op, now) : 0;
  const deleted = merchantStatus === "deleted";
  return (
    <section aria-label="Deletion" className="max-w-2xl space-y-3 rounded-card border border-border bg-surface p-4">
      <p className="text-sm">
        Deleting the data of <strong>{label}</strong>.{" "}
        <Link href={`/operations/${encodeURIComponent(operationId)}`} className="text-accent underline">
          Operation {operationId}
        </Link>
      </p>
      <div className="h-3 w-full overflow-hidden rounded-full bg-surface-muted">
        <div
          role="progressbar"
          aria-label="Deletion progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={deleted ? 100 : value}
          className="h-full bg-accent transition-[width] duration-500"
          style={{ width: `${deleted ? 100 : value}%` }}
        />
      </div>
      <p className="text-sm" aria-live="polite">
        {deleted ? (
          <strong className="text-success">Deleted</strong>
        ) : op?.status === "failed" ? (
          <span className="text-danger">Failed: {op.error ?? "the API refused the deletion"}</span>
        ) : op?.status === "completed" ? (
          `Finished; waiting for the merchant to show as deleted (now ${merchantStatus ?? "…"}).`
        ) : (
          `${op ? statusLabel(op.status) : "Pending"} · ${value} %`
        )}
      </p>
      {poll.kind === "error" ? <p className="text-sm text-danger">{poll.message}</p> : null}
    </section>
  );
}
