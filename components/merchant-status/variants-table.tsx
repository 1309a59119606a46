import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { AccountStatusView } from "@/lib/partnerships/status";

type Variant = AccountStatusView["variants"][number];

const TONE: Record<Variant["status"], BadgeTone> = { active: "success", paused: "warning", archived: "neutral" };
const LABEL: Record<Variant["status"], string> = { active: "Active", paused: "Paused", archived: "Archived" };

function change(before: Variant | undefined, after: Variant): string {
  // Archived variants are never touched by a status change (SPEC §5.5).
  if (after.status === "archived") return "Untouched (archived)";
  if (!before || before.status === after.status) return "Unchanged";
  return after.status === "active" ? "Activated" : "Paused";
}

/**
 * The account's page variants. Given `before`, it is the cascade result of a
 * status change: one more column says what happened to each variant.
 */
export function VariantsTable({
  variants,
  before,
  pageNames,
  caption,
}: {
  variants: Variant[];
  before?: Variant[];
  /** pageId → "Confirmation page", from the console's merchant knowledge. */
  pageNames: Record<string, string>;
  caption: string;
}) {
  const previous = new Map(before?.map((v) => [v.pageVariantId, v]));
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Variant</Th>
          <Th>Page</Th>
          <Th>Status</Th>
          {before ? <Th>Change</Th> : null}
        </tr>
      </thead>
      <tbody>
        {variants.map((v) => (
          <tr key={v.pageVariantId}>
            <Th scope="row" className="border-b bg-transparent font-normal">
              {v.name}
            </Th>
            <Td>{pageNames[v.pageId] ?? <span className="font-mono text-xs">{v.pageId}</span>}</Td>
            <Td>
              <Badge tone={TONE[v.status]}>{LABEL[v.status]}</Badge>
            </Td>
            {before ? (
              <Td className={v.status === "archived" ? "text-fg-muted" : undefined}>
                {change(previous.get(v.pageVariantId), v)}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
