"use client";

import type { LayoutPreview } from "@/lib/settings/imports";
import { Table, Td, Th } from "../ui/table";
import { CsvImport } from "./csv-import";

function Details({ p }: { p: LayoutPreview }) {
  const rows = [
    ...p.added.map((r) => ({ ...r, what: "Added" })),
    ...p.changed.map((r) => ({
      ...r,
      what: `Changed (was ${r.before?.layoutId}, ${r.before?.surface}, ${r.before?.layoutType})`,
    })),
  ].sort((a, b) => a.row - b.row);
  return (
    <div className="space-y-3">
      <p className="text-sm text-fg-muted">{p.counts.unchanged} rows are already known as they are.</p>
      {rows.length > 0 ? (
        <Table caption="Pages this import adds or changes">
          <thead>
            <tr>
              <Th>Row</Th>
              <Th>Account</Th>
              <Th>Page</Th>
              <Th>Layout</Th>
              <Th>Surface</Th>
              <Th>Type</Th>
              <Th>Change</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.accountId}/${r.pageId}`}>
                <Td className="tabular-nums">{r.row}</Td>
                <Td className="tabular-nums">{r.accountId}</Td>
                <Td>{r.pageId}</Td>
                <Td>{r.layoutId}</Td>
                <Td>{r.surface}</Td>
                <Td>{r.layoutType}</Td>
                <Td>{r.what}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {p.removed.length > 0 ? (
        <div className="space-y-1 text-sm">
          <h3 className="font-semibold text-fg">Pages the console forgets (not in the file)</h3>
          <ul className="list-disc pl-5 text-fg-muted">
            {p.removed.map((r) => (
              <li key={`${r.accountId}/${r.pageId}`}>
                {r.accountId}: page {r.pageId} ({r.surface}, layout {r.layoutId})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function LayoutImport() {
  return (
    <CsvImport<LayoutPreview>
      previewPath="/api/settings/layouts/preview"
      applyPath={() => "/api/settings/layouts/apply"}
      changedLabel="changed"
      details={(p) => <Details p={p} />}
      appliedMessage={(d) => {
        const c = (d as { counts: LayoutPreview["counts"] }).counts;
        return `Imported: ${c.added} added, ${c.renamed} changed, ${c.removed} removed.`;
      }}
    />
  );
}
