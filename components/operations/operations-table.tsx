import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { CheckOperationButton } from "./check-operation-button";

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

const TONE: Record<string, BadgeTone> = {
  completed: "success",
  failed: "danger",
  pending: "accent",
  in_progress: "accent",
  unknown: "warning",
};

const SETTLED = new Set(["completed", "failed"]);

/** "2026-11-29T04:31:55.000Z" → "2026-11-29 04:31:55 UTC": the same on server and browser. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function OperationsTable({ operations, caption }: { operations: OperationRow[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Operation id</Th>
          <Th>Action</Th>
          <Th>Merchant</Th>
          <Th>Status</Th>
          <Th>User</Th>
          <Th>Time</Th>
        </tr>
      </thead>
      <tbody>
        {operations.map((op) => (
          <tr key={op.operationId}>
            <Th scope="row" className="border-b bg-transparent font-mono text-xs font-normal">
              {op.operationId}
            </Th>
            <Td>
              {op.action}
              {op.dryRun ? <span className="ml-2 text-xs text-fg-muted">(dry run)</span> : null}
            </Td>
            <Td className="font-mono tabular-nums">{op.merchantId ?? "—"}</Td>
            <Td>
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={TONE[op.status] ?? "neutral"}>{op.status.replace("_", " ")}</Badge>
                {SETTLED.has(op.status) ? null : <CheckOperationButton operationId={op.operationId} />}
              </span>
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
