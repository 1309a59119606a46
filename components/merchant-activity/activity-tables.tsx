import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

/** "2026-11-29T04:31:55.000Z" → "2026-11-29 04:31:55 UTC": the same on server and browser. */
function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export interface ActivityAuditRow {
  id: string;
  at: string;
  userEmail: string | null;
  action: string;
  outcome: string;
  httpStatus: number | null;
  upstreamRequestId: string | null;
  message: string | null;
  request: unknown;
  before: unknown;
  after: unknown;
}

/** The reason a person gave for a status change lives in the audited request body (never sent upstream). */
function reasonOf(request: unknown): string | null {
  const body = (request as { body?: unknown } | null)?.body;
  const reason = (body as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === "string" ? reason : null;
}

/** "active → paused" for a status change, from the audit entry's before and after. */
function statusChangeOf(before: unknown, after: unknown): string | null {
  const from = (before as { status?: unknown } | null | undefined)?.status;
  const to = (after as { status?: unknown } | null | undefined)?.status;
  return typeof from === "string" && typeof to === "string" ? `${from} → ${to}` : null;
}

const OUTCOME_TONE: Record<string, BadgeTone> = {
  success: "success",
  failure: "warning",
  denied: "danger",
  error: "danger",
};

export function ActivityAuditTable({ entries }: { entries: ActivityAuditRow[] }) {
  return (
    <Table caption="Audit entries for this merchant, newest first">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>User</Th>
          <Th>Action</Th>
          <Th>Outcome</Th>
          <Th>Request id</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => {
          const reason = reasonOf(e.request);
          const change = statusChangeOf(e.before, e.after);
          return (
            <tr key={e.id}>
              <Td className="whitespace-nowrap tabular-nums">
                <time dateTime={e.at}>{utc(e.at)}</time>
              </Td>
              <Td>{e.userEmail ?? <span className="text-fg-muted">anonymous</span>}</Td>
              <Th scope="row" className="border-b bg-transparent font-mono text-xs font-normal">
                {e.action}
              </Th>
              <Td className="whitespace-nowrap">
                <Badge tone={OUTCOME_TONE[e.outcome] ?? "neutral"}>{e.outcome}</Badge>
                {e.httpStatus ? <span className="ml-2 text-xs text-fg-muted">{e.httpStatus}</span> : null}
              </Td>
              <Td className="font-mono text-xs">{e.upstreamRequestId ?? "—"}</Td>
              <Td className="max-w-md text-xs">
                {reason ? (
                  <span className="block">
                    <span className="font-semibold">Reason:</span> {reason}
                  </span>
                ) : null}
                {change ? (
                  <span className="block">
                    <span className="font-semibold">Status:</span> {change}
                  </span>
                ) : null}
                {e.message ? <span className="block text-fg-muted">{e.message}</span> : null}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

export interface ActivityOperationRow {
  operationId: string;
  action: string;
  status: string;
  dryRun: boolean;
  createdAt: string;
}

const STATUS_TONE: Record<string, BadgeTone> = {
  completed: "success",
  failed: "danger",
  pending: "accent",
  in_progress: "accent",
  unknown: "warning",
};

export function ActivityOperationsTable({ operations }: { operations: ActivityOperationRow[] }) {
  return (
    <Table caption="Operations for this merchant, newest first">
      <thead>
        <tr>
          <Th>Operation id</Th>
          <Th>Action</Th>
          <Th>Status</Th>
          <Th>Started</Th>
        </tr>
      </thead>
      <tbody>
        {operations.map((op) => (
          <tr key={op.operationId}>
            <Th scope="row" className="border-b bg-transparent font-normal">
              <Link
                href={`/operations/${encodeURIComponent(op.operationId)}`}
                className="font-mono text-xs text-accent underline underline-offset-2"
              >
                {op.operationId}
              </Link>
            </Th>
            <Td>
              {op.action}
              {op.dryRun ? <span className="ml-2 text-xs text-fg-muted">(dry run)</span> : null}
            </Td>
            <Td>
              <Badge tone={STATUS_TONE[op.status] ?? "neutral"}>{op.status.replace("_", " ")}</Badge>
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              <time dateTime={op.createdAt}>{utc(op.createdAt)}</time>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
