import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import type { TaxonomyVersionView } from "@/lib/settings/imports";
import { Badge } from "../ui/badge";
import { Table, Td, Th } from "../ui/table";

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function TaxonomyVersions({ versions, current }: { versions: TaxonomyVersionView[]; current: number }) {
  return (
    <section aria-labelledby="versions-heading" className="space-y-3">
      <h2 id="versions-heading" className="text-lg font-semibold">
        Versions
      </h2>
      <Table caption="Taxonomy versions">
        <thead>
          <tr>
            <Th>Version</Th>
            <Th>Applied</Th>
            <Th>By</Th>
            <Th>Changes</Th>
            <Th>
              <span className="sr-only">File</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <Td className="tabular-nums">
                {v.version} {v.version === current ? <Badge tone="accent">current</Badge> : null}
              </Td>
              <Td>{when(v.createdAt)}</Td>
              <Td>{v.source === "seed" ? "Shipped file" : (v.createdBy ?? "—")}</Td>
              <Td>
                {v.summary
                  ? `${v.summary.added} added, ${v.summary.renamed} renamed, ${v.summary.removed} removed`
                  : "First version"}
              </Td>
              <Td>
                <a
                  className="text-accent underline"
                  href={`/api/settings/taxonomy/versions/${v.version}/download`}
                  download
                >
                  Download<span className="sr-only"> version {v.version}</span>
                </a>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

/** The current version, with the pairs the sandbox leaves unmapped marked (a block of one is refused). */
export function TaxonomyTable({
  tree,
  version,
  sandbox,
}: {
  tree: TaxonomyVertical[];
  version: number;
  sandbox: boolean;
}) {
  const unmapped = tree.reduce((n, v) => n + v.subVerticals.filter((s) => !s.mapped).length, 0);
  return (
    <section aria-labelledby="current-heading" className="space-y-3">
      <h2 id="current-heading" className="text-lg font-semibold">
        Current taxonomy (version {version})
      </h2>
      <p className="max-w-prose text-sm text-fg-muted">
        {sandbox
          ? `${unmapped} pairs are unmapped in the sandbox: the API refuses a block of one, so the pickers say so next to it.`
          : `${unmapped} pairs have no Rokt mapping in this file.`}
      </p>
      <Table caption="Current taxonomy">
        <thead>
          <tr>
            <Th>Vertical</Th>
            <Th>Sub-vertical</Th>
            <Th>Pair</Th>
            <Th>Mapping</Th>
          </tr>
        </thead>
        <tbody>
          {tree.flatMap((v) =>
            v.subVerticals.map((s) => (
              <tr key={`${v.id}/${s.id}`}>
                <Td>{v.name}</Td>
                <Td>{s.name}</Td>
                <Td className="tabular-nums">
                  {v.id}/{s.id}
                </Td>
                <Td>
                  {s.mapped ? (
                    "Mapped"
                  ) : (
                    <Badge tone="warning">{sandbox ? "Unmapped in the sandbox" : "Unmapped"}</Badge>
                  )}
                </Td>
              </tr>
            )),
          )}
        </tbody>
      </Table>
    </section>
  );
}
