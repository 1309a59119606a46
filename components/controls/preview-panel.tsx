import type { ControlsDiff } from "@/lib/controls";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";
import { operationLink } from "../forms/use-intent-write";
import { ChangesList } from "./changes-list";

export interface PreviewResult {
  /** The body the dry run checked. */
  signature: string;
  /** The saved version → what the API answered the dry run would store. */
  diff: ControlsDiff;
  operationId: string | null;
}

/** The dry run's answer: what saving would change, as the API itself computed it. */
export function PreviewPanel({
  preview,
  taxonomy,
  current,
}: {
  preview: PreviewResult;
  taxonomy: readonly TaxonomyVertical[];
  /** Signature of the body the form would send now: an older preview says so. */
  current: string;
}) {
  const outdated = preview.signature !== current;
  const link = operationLink(preview.operationId);
  return (
    <section aria-label="Preview of changes" className="space-y-2 rounded-card border border-border bg-surface p-4">
      <h3 className="text-sm font-semibold text-fg">Preview of changes</h3>
      <p className="text-xs text-fg-muted">
        {outdated
          ? "You changed the form after this preview; preview again to check the new version."
          : "The Partnerships API accepted these changes in a dry run. Nothing is saved until you press Save controls."}
        {link ? (
          <>
            {" "}
            <a href={link.href} className="text-accent underline underline-offset-2">
              Dry-run operation
            </a>
          </>
        ) : null}
      </p>
      <ChangesList
        diff={preview.diff}
        taxonomy={taxonomy}
        label="Changes in the preview"
        emptyText="Saving would change nothing."
      />
    </section>
  );
}
