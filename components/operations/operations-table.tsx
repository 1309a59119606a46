import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { actionLabel } from "@/lib/operations/actions";
import { isTerminal, statusLabel } from "@/lib/operations/backoff";
import { LiveStatus, STATUS_TONE } from "./live-status";

export interface OperationRow {
  operationId: string;
  action: string;
  merchantId: string | null;
  status: string;
  dryRun: boolean;
  userEmail: string | null;
  createdAt: string;
  httpStatus: number | null;
}

/** "2026-11-29T04:31:55.000Z" → "2026-11-29 04:31:55 UTC": the same on server and browser. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function OperationsTable({ operations, caption }: { operations: OperationRow[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Operation</Th>
          <Th>Action</Th>
          <Th>Merchant</Th>
          <Th>Status</Th>
          <Th>User</Th>
          <Th>Started</Th>
        </tr>
      </thead>
      <tbody>
        {operations.map((op) => (
          <tr key={op.operationId}>
            <Th scope="row" className="border-b bg-transparent font-mono text-xs font-normal">
              <Link
                href={`/operations/${encodeURIComponent(op.operationId)}`}
                className="text-accent underline-offset-2 hover:underline"
              >
                {op.operationId}
              </Link>
            </Th>
            <Td>
              {actionLabel(op.action)}
              {op.dryRun ? <span className="ml-2 text-xs text-fg-muted">(dry run)</span> : null}
              <span className="block font-mono text-xs text-fg-muted">{op.action}</span>
            </Td>
            <Td className="font-mono tabular-nums">
              {op.merchantId ? (
                <Link href={`/merchants/${op.merchantId}`} className="text-accent underline-offset-2 hover:underline">
                  {op.merchantId}
                </Link>
              ) : (
                "—"
              )}
            </Td>
            <Td>
              {isTerminal(op.status) ? (
                <Badge tone={STATUS_TONE[op.status] ?? "neutral"}>{statusLabel(op.status)}</Badge>
              ) : (
                <LiveStatus operationId={op.operationId} status={op.status} />
              )}
            </Td>
            <Td>{op.userEmail ?? "—"}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              <time dateTime={op.createdAt}>{formatUtc(op.createdAt)}</time>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
