import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";

export interface AuditRow {
  id: string;
  at: string;
  userEmail: string | null;
  role: string | null;
  action: string;
  merchantId: string | null;
  outcome: string;
  httpStatus: number | null;
  message: string | null;
  operationId: string | null;
  upstreamRequestId: string | null;
  ip: string | null;
}

const TONE: Record<string, BadgeTone> = { success: "success", failure: "warning", denied: "danger", error: "danger" };

export function AuditTable({ entries, caption }: { entries: AuditRow[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>User</Th>
          <Th>Action</Th>
          <Th>Merchant</Th>
          <Th>Outcome</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <Td className="whitespace-nowrap tabular-nums">
              <time dateTime={e.at}>{`${e.at.slice(0, 10)} ${e.at.slice(11, 19)} UTC`}</time>
            </Td>
            <Td>
              {e.userEmail ?? <span className="text-fg-muted">anonymous</span>}
              {e.role ? <span className="block text-xs text-fg-muted">{e.role.replace("_", " ")}</span> : null}
            </Td>
            <Th scope="row" className="border-b bg-transparent font-mono text-xs font-normal">
              {e.action}
            </Th>
            <Td className="font-mono tabular-nums">{e.merchantId ?? "—"}</Td>
            <Td>
              <Badge tone={TONE[e.outcome] ?? "neutral"}>{e.outcome}</Badge>
              {e.httpStatus ? <span className="ml-2 text-xs text-fg-muted">{e.httpStatus}</span> : null}
            </Td>
            <Td className="max-w-md text-xs">
              {e.message ? <span className="block">{e.message}</span> : null}
              {e.operationId ? <span className="block font-mono text-fg-muted">op {e.operationId}</span> : null}
              {e.upstreamRequestId ? (
                <span className="block font-mono text-fg-muted">request {e.upstreamRequestId}</span>
              ) : null}
              {e.ip ? <span className="block text-fg-muted">from {e.ip}</span> : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
