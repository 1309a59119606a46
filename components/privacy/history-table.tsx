import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { historyStatus, TYPE_LABELS } from "@/lib/privacy/status";

export interface HistoryRow {
  id: string;
  kind: string;
  requestType: string;
  identifierMasked: string;
  merchantLabel: string | null;
  submittedByEmail: string | null;
  approvedByEmail: string | null;
  status: string;
  operationStatus: string | null;
  operationId: string | null;
  upstreamRequestId: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** Every privacy request, newest first; identifiers only ever masked (they are stored that way). */
export function HistoryTable({ rows, now }: { rows: HistoryRow[]; now: Date }) {
  return (
    <Table caption="Privacy requests, newest first">
      <thead>
        <tr>
          <Th>Type</Th>
          <Th>Identifier</Th>
          <Th>Submitted by</Th>
          <Th>Submitted</Th>
          <Th>Status</Th>
          <Th>Request ID</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const status = historyStatus(r, now);
          return (
            <tr key={r.id}>
              <Td>{TYPE_LABELS[r.requestType] ?? r.requestType}</Td>
              <Td className="font-mono text-xs">
                {r.kind === "merchant_deletion" ? (r.merchantLabel ?? r.identifierMasked) : r.identifierMasked}
              </Td>
              <Td>
                {r.submittedByEmail ?? "—"}
                {r.approvedByEmail ? (
                  <span className="block text-xs text-fg-muted">approved by {r.approvedByEmail}</span>
                ) : null}
              </Td>
              <Td className="whitespace-nowrap tabular-nums">
                <time dateTime={r.createdAt}>{utc(r.createdAt)}</time>
              </Td>
              <Td>
                <Badge tone={status.tone}>{status.label}</Badge>
                {r.error && status.label !== "Submitted" ? (
                  <span className="mt-1 block max-w-xs text-xs text-fg-muted">{r.error}</span>
                ) : null}
                {r.operationId ? (
                  <a
                    href={`/operations/${encodeURIComponent(r.operationId)}`}
                    className="mt-1 block text-xs text-accent underline"
                  >
                    Operation {r.operationId}
                  </a>
                ) : null}
              </Td>
              <Td className="font-mono text-xs break-all">{r.upstreamRequestId ?? "—"}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
