"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeWriteError, operationLink, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { actionLabel } from "@/lib/operations/actions";
import { isTerminal, statusLabel } from "@/lib/operations/backoff";
import { type UpstreamOperation, useOperationPoll } from "./use-operation-poll";

export interface OperationRequest {
  at: string;
  userEmail: string | null;
  action: string;
  outcome: string;
  httpStatus: number | null;
  message: string | null;
  upstreamRequestId: string | null;
  idempotencyKey: string | null;
  method?: string;
  path?: string;
  query?: string;
  body?: unknown;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
const SECTION: Record<string, string> = {
  "merchant.status.update": "status",
  "merchant.layout.theme": "theme",
  "merchant.pages.add": "pages",
  "merchant.page.switch_layout": "pages",
  "merchant.payout.setup": "payouts",
};

function Json({ value }: { value: unknown }) {
  return (
    <pre className="whitespace-pre-wrap break-all rounded bg-surface-muted p-3 font-mono text-xs">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The operation, followed live until it settles: status, timeline, request, answer, and the way forward. */
export function OperationView({
  operation: initial,
  journal,
  request,
}: {
  operation: UpstreamOperation;
  journal: { status: string; createdAt: string; userEmail: string | null } | null;
  request: OperationRequest | null;
}) {
  const router = useRouter();
  const poll = useOperationPoll(initial.operation_id, { initial, onSettled: () => router.refresh() });
  const op = poll.kind === "loaded" ? poll.operation : initial;
  const lostAnswer = journal?.status === "unknown";

  const timeline: { at: string; label: string }[] = [
    { at: op.created_at, label: `Started by ${journal?.userEmail ?? request?.userEmail ?? "the console"}` },
  ];
  if (op.operation_type === "dataDeletion" && op.status !== "pending")
    timeline.push({ at: op.status === "in_progress" ? op.updated_at : op.created_at, label: "Pending" });
  timeline.push({ at: op.updated_at, label: statusLabel(op.status) });

  return (
    <div className="space-y-6">
      <p className="text-base">
        Status: <strong>{statusLabel(op.status)}</strong>
        {isTerminal(op.status) ? null : <span className="ml-2 text-sm text-fg-muted">(updating)</span>}
      </p>
      {lostAnswer && isTerminal(op.status) ? (
        <p role="status" className="rounded-card border border-accent bg-surface p-4 text-sm">
          The answer to this change was lost on its way back. This is its outcome, read from the API:{" "}
          <strong>{statusLabel(op.status)}</strong>. You do not need to send it again.
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Action</dt>
        <dd>{request ? actionLabel(request.action) : (op.operation_type ?? "—")}</dd>
        <dt className="font-medium">Merchant</dt>
        <dd>
          {op.account_id ? (
            <Link href={`/merchants/${op.account_id}`} className="font-mono text-accent underline">
              {op.account_id}
            </Link>
          ) : (
            "—"
          )}
        </dd>
        <dt className="font-medium">Dry run</dt>
        <dd>{op.dry_run ? "Yes" : "No"}</dd>
      </dl>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" className="mb-2 text-base font-semibold">
          Timeline
        </h2>
        <ol aria-label="Timeline" className="space-y-1 border-l-2 border-border pl-4 text-sm">
          {timeline.map((t) => (
            <li key={`${t.label}-${t.at}`}>
              <time dateTime={t.at} className="tabular-nums text-fg-muted">
                {utc(t.at)}
              </time>{" "}
              — {t.label}
            </li>
          ))}
        </ol>
      </section>
      <Card>
        <CardHeader
          title="Request"
          description={
            request
              ? undefined
              : "The console's audit log has no entry for this operation (another tool may have started it)."
          }
        />
        {request ? (
          <>
            <p className="mb-2 text-sm">
              {request.method}{" "}
              <span className="font-mono">
                {request.path}
                {request.query ?? ""}
              </span>{" "}
              by {request.userEmail ?? "—"}
              {" at "}
              {utc(request.at)}
            </p>
            {request.body !== undefined ? <Json value={request.body} /> : null}
          </>
        ) : null}
      </Card>
      <Card>
        <CardHeader title={op.error ? "Error" : "Response"} />
        {op.error ? <p className="mb-2 text-sm text-danger">{op.error}</p> : null}
        {op.http_status !== null ? <p className="mb-2 text-sm">HTTP {op.http_status}</p> : null}
        {op.response_body ? <Json value={op.response_body} /> : <p className="text-sm text-fg-muted">No answer yet.</p>}
      </Card>
      {op.status === "failed" ? <WayForward op={op} request={request} /> : null}
    </div>
  );
}

function WayForward({ op, request }: { op: UpstreamOperation; request: OperationRequest | null }) {
  const { send, pending } = useIntentWrite();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const refused = op.http_status !== null && op.http_status >= 400 && op.http_status < 500;
  const section = request ? SECTION[request.action] : undefined;
  const editHref =
    request?.action === "merchant.register"
      ? "/onboard"
      : op.account_id
        ? `/merchants/${op.account_id}${section ? `/${section}` : ""}`
        : null;
  const canRetry = !refused && request?.method && request.path?.startsWith("/api/") && request.idempotencyKey;

  async function retry() {
    if (!request?.method || !request.path || !request.idempotencyKey) return;
    setError(null);
    try {
      const res = await send({
        method: request.method as "POST" | "PUT" | "PATCH",
        path: `${request.path}${request.query ?? ""}`,
        body: request.body,
        intentKey: request.idempotencyKey,
      });
      toast.success("Sent again with the same key.", { link: operationLink(res.operationId) });
    } catch (err) {
      setError(describeWriteError(err));
    }
  }

  return (
    <Card>
      <CardHeader title="What now" />
      <p className="text-sm">
        {refused
          ? "The API refused this change; the refusal is final for its key. Change what it asked for and send it as a new change."
          : "The change failed on the way (the API or the network). Sending the same intent again, with the same key, cannot apply it twice."}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        {canRetry ? (
          <Button onClick={retry} disabled={pending}>
            {pending ? "Sending…" : "Retry the same intent"}
          </Button>
        ) : null}
        {editHref ? (
          <Link
            href={editHref}
            className="inline-flex h-10 items-center rounded-md border border-border px-4 text-sm font-medium"
          >
            Edit
          </Link>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
    </Card>
  );
}
