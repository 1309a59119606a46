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
  request: unknown;
  before: unknown;
  after: unknown;
  idempotencyKey: string | null;
}

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <>
      <dt className="mt-2 font-semibold">{label}</dt>
      <dd>
        <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-surface-muted p-2 font-mono">
          {JSON.stringify(value, null, 2)}
        </pre>
      </dd>
    </>
  );
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
              {e.request || e.before || e.after ? (
                <details className="mt-1">
                  <summary className="cursor-pointer text-accent">Request, before and after</summary>
                  <dl>
                    <Json label="Request" value={e.request} />
                    <Json label="Before" value={e.before} />
                    <Json label="After" value={e.after} />
                    {e.idempotencyKey ? (
                      <>
                        <dt className="mt-2 font-semibold">Idempotency-Key</dt>
                        <dd className="font-mono">{e.idempotencyKey}</dd>
                      </>
                    ) : null}
                  </dl>
                </details>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
