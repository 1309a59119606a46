"use client";

import Link from "next/link";
import type { ChangeView, TaxonomyPreview } from "@/lib/settings/imports";
import { CsvImport } from "./csv-import";

function Changes({ title, items, total }: { title: string; items: ChangeView[]; total: number }) {
  if (total === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-medium text-fg">
        {title} ({total})
      </summary>
      <ul className="mt-2 list-disc space-y-0.5 pl-5 text-fg-muted">
        {items.map((c) => (
          <li key={c.key}>
            <span className="tabular-nums">{c.key}</span>:{" "}
            {c.before && c.after ? `${c.before} → ${c.after}` : (c.after ?? c.before)}
          </li>
        ))}
        {total > items.length ? <li>… and {total - items.length} more</li> : null}
      </ul>
    </details>
  );
}

function Details({ p }: { p: TaxonomyPreview }) {
  return (
    <div className="space-y-3">
      <Changes title="Added" items={p.added} total={p.counts.added} />
      <Changes title="Renamed" items={p.renamed} total={p.counts.renamed} />
      <Changes title="Removed" items={p.removed} total={p.counts.removed} />
      {p.counts.remapped > 0 ? (
        <p className="text-sm text-fg-muted">
          {p.counts.remapped} pairs keep their names but map to other Rokt ids (Rokt applies its own mapping table).
        </p>
      ) : null}
      {p.unmappedAdded.length > 0 ? (
        <p className="text-sm text-warning">
          The sandbox does not map {p.unmappedAdded.length} added pairs ({p.unmappedAdded.join(", ")}): blocking them
          will be refused until Rokt maps them.
        </p>
      ) : null}
      {p.canApply && p.counts.removed > 0 ? (
        <div className="space-y-2">
          <h3 className="text-base font-semibold text-fg">Blocks this import removes from the taxonomy</h3>
          <p className="text-sm text-fg-muted">
            From the {p.merchantsSeen} merchants whose controls the console has read or written; blocks of merchants it
            has not seen are not known here.
          </p>
          {p.orphaned.length === 0 ? (
            <p className="text-sm text-fg">None of those merchants blocks a removed pair.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {p.orphaned.map((o) => (
                <li key={o.key}>
                  <span className="font-medium text-fg">
                    {o.name} ({o.key})
                  </span>{" "}
                  is blocked by{" "}
                  {o.merchants.map((m, i) => (
                    <span key={m.accountId}>
                      {i > 0 ? ", " : ""}
                      <Link className="text-accent underline" href={`/merchants/${m.accountId}`}>
                        {m.brand ?? m.accountId}
                      </Link>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function TaxonomyImport() {
  return (
    <CsvImport<TaxonomyPreview>
      previewPath="/api/settings/taxonomy/preview"
      applyPath={(p) => `/api/settings/taxonomy/apply?base=${p.baseVersion}`}
      changedLabel="renamed"
      details={(p) => <Details p={p} />}
      appliedMessage={(d) => `Applied as version ${(d as { version: number }).version}. Every picker now uses it.`}
    />
  );
}
