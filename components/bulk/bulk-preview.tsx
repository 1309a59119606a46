import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { BulkPreview } from "@/lib/bulk/schemas";

/** The server's preview of a bulk job: counts, what changes for each merchant checked, the API's dry runs. */
export function BulkPreviewPanel({ preview }: { preview: BulkPreview }) {
  const partial = preview.checked < preview.total;
  return (
    <section aria-label="Bulk preview" className="space-y-3 rounded-card border border-border p-4">
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm font-medium">
        <li>{`${preview.willChange} will change`}</li>
        <li>{`${preview.alreadyMatch} already match (skipped)`}</li>
      </ul>
      {partial ? (
        <p className="text-xs text-fg-muted">
          Checked {preview.checked} of {preview.total} merchants; the job reads each merchant again before writing.
        </p>
      ) : null}
      {preview.dryRuns.length ? (
        <ul className="space-y-1 text-sm">
          {preview.dryRuns.map((d) => (
            <li key={d.accountId}>
              Dry run for {d.brand}: {d.ok ? "accepted by the API" : `refused: ${d.message}`}
              {d.operationId ? (
                <>
                  {" "}
                  (
                  <Link className="text-accent underline" href={`/operations/${encodeURIComponent(d.operationId)}`}>
                    {d.operationId}
                  </Link>
                  )
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="max-h-64 overflow-y-auto">
        <Table caption="What changes for each merchant">
          <thead>
            <tr>
              <Th>Merchant</Th>
              <Th>Change</Th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((i) => (
              <tr key={i.accountId}>
                <Td>{i.brand}</Td>
                <Td className={i.willChange ? "" : "text-fg-muted"}>{i.change}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </section>
  );
}
