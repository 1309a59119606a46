"use client";

import { useRouter } from "next/navigation";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { isTerminal, statusLabel } from "@/lib/operations/backoff";
import { useOperationPoll } from "./use-operation-poll";

export const STATUS_TONE: Record<string, BadgeTone> = {
  completed: "success",
  failed: "danger",
  pending: "accent",
  in_progress: "accent",
  unknown: "warning",
};

/** A running operation's status, followed live; the page is refreshed from the journal once it settles. */
export function LiveStatus({ operationId, status }: { operationId: string; status: string }) {
  const router = useRouter();
  const poll = useOperationPoll(isTerminal(status) ? null : operationId, { onSettled: () => router.refresh() });
  const current = poll.kind === "loaded" ? poll.operation.status : status;
  return (
    <span className="inline-flex items-center gap-2">
      <Badge tone={STATUS_TONE[current] ?? "neutral"}>{statusLabel(current)}</Badge>
      {!isTerminal(current) && poll.kind !== "error" ? <span className="sr-only">(updating)</span> : null}
      {poll.kind === "error" ? <span className="text-xs text-fg-muted">{poll.message}</span> : null}
    </span>
  );
}
