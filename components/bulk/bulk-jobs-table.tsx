import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { BULK_ACTION_LABELS, type BulkJobView } from "@/lib/bulk/schemas";

const when = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

/** Bulk jobs, newest first, each linking to its page. */
export function BulkJobsTable({ jobs, caption }: { jobs: BulkJobView[]; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Action</Th>
          <Th>Merchants</Th>
          <Th>Progress</Th>
          <Th>Started by</Th>
          <Th>Started</Th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={j.id}>
            <Th scope="row" className="border-b bg-transparent font-medium">
              <Link href={`/bulk/${j.id}`} className="text-accent underline underline-offset-2">
                {BULK_ACTION_LABELS[j.action]}
              </Link>
              {j.status !== "completed" ? <span className="ml-2 text-xs text-fg-muted">({j.status})</span> : null}
            </Th>
            <Td className="tabular-nums">{j.counts.total.toLocaleString("en-US")}</Td>
            <Td className="tabular-nums">{`${j.progress}%`}</Td>
            <Td>{j.createdByEmail ?? "—"}</Td>
            <Td className="whitespace-nowrap">
              <time dateTime={j.startedAt ?? j.createdAt}>{when.format(Date.parse(j.startedAt ?? j.createdAt))}</time>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
