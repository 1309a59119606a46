import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { BulkItemView } from "@/lib/bulk/schemas";

const OUTCOME: Record<BulkItemView["state"], string> = {
  pending: "Waiting",
  sending: "Sending",
  done: "Done",
  skipped: "Skipped",
  failed: "Failed",
};

/** Every merchant of a job (up to 1,000) with its outcome and the API's operation id. */
export function BulkResults({ items }: { items: BulkItemView[] }) {
  return (
    <Table caption="Results">
      <thead>
        <tr>
          <Th>Merchant</Th>
          <Th>Outcome</Th>
          <Th>Operation</Th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.accountId}>
            <Th scope="row" className="border-b bg-transparent font-medium">
              <Link
                href={`/merchants/${encodeURIComponent(i.accountId)}`}
                className="text-accent underline-offset-2 hover:underline"
              >
                {i.brand}
              </Link>
            </Th>
            <Td className={i.state === "failed" ? "text-danger" : undefined}>
              {i.state === "failed" ? `Failed: ${i.error ?? "unknown error"}` : OUTCOME[i.state]}
            </Td>
            <Td className="font-mono text-xs">
              {i.operationId ? (
                <Link
                  href={`/operations/${encodeURIComponent(i.operationId)}`}
                  className="text-accent underline-offset-2 hover:underline"
                >
                  {i.operationId}
                </Link>
              ) : (
                <span className="text-fg-muted">—</span>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
