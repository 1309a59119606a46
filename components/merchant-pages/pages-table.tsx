import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { LayoutType } from "@/lib/partnerships/formats";
import { otherLayoutType, surfaceLabel } from "./labels";

export interface PageRow {
  pageId: string;
  surface: string;
  layoutId: string;
  layoutType: LayoutType;
  pageIdentifier: string | null;
}

/** One row per page, its surface as the row header; each row offers the switch to the other layout type. */
export function PagesTable({
  pages,
  busy,
  onSwitch,
}: {
  pages: PageRow[];
  /** Page ids with a switch on its way. */
  busy: ReadonlySet<string>;
  onSwitch(page: PageRow): void;
}) {
  return (
    <Table caption="Pages of this merchant">
      <thead>
        <tr>
          <Th>Surface</Th>
          <Th>Layout type</Th>
          <Th>Page id</Th>
          <Th>Layout id</Th>
          <Th>Page identifier</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {pages.map((p) => {
          const to = otherLayoutType(p.layoutType);
          const pending = busy.has(p.pageId);
          return (
            <tr key={p.pageId}>
              <Th scope="row" className="border-b bg-transparent">
                {surfaceLabel(p.surface)}
              </Th>
              <Td>{p.layoutType}</Td>
              <Td className="font-mono text-xs">{p.pageId}</Td>
              <Td className="font-mono text-xs">{p.layoutId}</Td>
              <Td className="font-mono text-xs">
                {/* Pages learnt from the layout import come without an identifier. */}
                {p.pageIdentifier ?? <span className="font-sans text-fg-muted">Not known</span>}
              </Td>
              <Td className="whitespace-nowrap">
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={pending}
                  aria-busy={pending}
                  onClick={() => onSwitch(p)}
                >
                  {`Switch ${surfaceLabel(p.surface)} page to ${to}`}
                </Button>
                {/* Fixed width: the row does not move when the progress text appears. */}
                <span className="ml-2 inline-block w-20 text-xs text-fg-muted">{pending ? "Switching…" : ""}</span>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
