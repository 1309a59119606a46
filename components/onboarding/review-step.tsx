"use client";

import Link from "next/link";
import { useState } from "react";
import { pairKey, parseDomainLines } from "@/lib/controls";
import { countryName } from "@/lib/onboarding/countries";
import { chosenSurfaces } from "@/lib/onboarding/draft";
import type { PreflightItem } from "@/lib/onboarding/run";
import { STEP_LABELS, stepHref } from "@/lib/onboarding/steps";
import { DEFAULT_THEME } from "@/lib/partnerships/pages";
import { layoutLabel } from "@/lib/theme/labels";
import { previewTheme, type ThemeDraft } from "@/lib/theme/patch";
import { describeWriteError, useIntentWrite } from "../forms/use-intent-write";
import { Button } from "../ui/button";
import { StepNav } from "./step-nav";
import { useWizard } from "./wizard-context";

/** The control on its step that an API field name points at (for "Fix in …" links). */
const FIELD_IDS: Record<string, string> = {
  brand: "merchant-brand",
  external_account_id: "merchant-external",
  store_identifier: "merchant-store",
  country_code: "merchant-country",
  vertical_id: "merchant-vertical",
  sub_vertical_id: "merchant-subvertical",
};
const fixHash = (field: string | null) => (field && FIELD_IDS[field] ? `#${FIELD_IDS[field]}` : "");

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-fg-muted">{term}</dt>
      <dd className="min-w-0 break-words text-fg">{children}</dd>
    </div>
  );
}

/**
 * Step 5: everything on one page, and a pre-flight of every go-live write:
 * register as a real API dry run, controls and each theme checked on the
 * server with the taxonomy mapping and the shared schemas.
 */
export function ReviewStep() {
  const { draftId, data, taxonomy, flush } = useWizard();
  const { send, pending } = useIntentWrite();
  const [items, setItems] = useState<PreflightItem[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const m = data.merchant;
  const vertical = taxonomy.find((v) => String(v.id) === m.vertical_id);
  const sub = vertical?.subVerticals.find((s) => String(s.id) === m.sub_vertical_id);
  const names = new Map(
    taxonomy.flatMap((v) =>
      v.subVerticals.map(
        (s) => [pairKey({ partnerVerticalId: v.id, partnerSubVerticalId: s.id }), `${v.name} › ${s.name}`] as const,
      ),
    ),
  );
  const domains = parseDomainLines(data.controls.domainsText).domains;

  const runDryRun = async () => {
    if (pending) return;
    setProblem(null);
    try {
      await flush();
      const result = await send<{ items: PreflightItem[] }>({
        method: "POST",
        path: `/api/onboarding/drafts/${encodeURIComponent(draftId)}/dry-run`,
        dryRun: true,
      });
      setItems(result.data.items);
    } catch (error) {
      setProblem(`The dry run could not run: ${describeWriteError(error)}`);
    }
  };

  return (
    <div className="space-y-6">
      <h2 className="text-lg font-semibold text-fg">Review</h2>
      <section aria-labelledby="review-merchant" className="rounded-card border border-border bg-surface p-4">
        <h3 id="review-merchant" className="mb-2 font-semibold text-fg">
          Merchant
        </h3>
        <dl>
          <Row term="Brand">{m.brand}</Row>
          <Row term="External account ID">
            <span className="font-mono">{m.external_account_id}</span>
          </Row>
          <Row term="Store URL">{m.store_identifier}</Row>
          <Row term="Country">{countryName(m.country_code) ?? m.country_code}</Row>
          <Row term="Vertical">{vertical && sub ? `${vertical.name} › ${sub.name}` : "—"}</Row>
        </dl>
      </section>
      <section aria-labelledby="review-surfaces" className="rounded-card border border-border bg-surface p-4">
        <h3 id="review-surfaces" className="mb-2 font-semibold text-fg">
          Surfaces and themes
        </h3>
        <ul className="space-y-2 text-sm">
          {chosenSurfaces(data).map((surface) => {
            const type = data.surfaces.pages.find((p) => p.surface === surface)?.layout_type ?? "Overlay";
            const theme = previewTheme((data.themes[surface] ?? DEFAULT_THEME) as ThemeDraft, DEFAULT_THEME);
            return (
              <li key={surface} className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-fg">{layoutLabel(surface, type)}</span>
                {(["primaryColor", "backgroundColor", "textColor", "closeButtonColor"] as const).map((t) => (
                  <span
                    key={t}
                    aria-hidden="true"
                    className="inline-block h-4 w-4 rounded border border-border"
                    style={{ backgroundColor: theme[t] }}
                  />
                ))}
                <span className="font-mono text-xs text-fg-muted">
                  {theme.primaryColor} on {theme.backgroundColor}, radius {theme.borderRadius}px
                  {data.themes[surface] ? "" : " (default theme)"}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="review-controls" className="rounded-card border border-border bg-surface p-4">
        <h3 id="review-controls" className="mb-2 font-semibold text-fg">
          Controls
        </h3>
        <p className="text-sm text-fg">
          {data.controls.blocked.length === 0
            ? "No verticals blocked."
            : `Blocked: ${data.controls.blocked.map((p) => names.get(pairKey(p)) ?? pairKey(p)).join(", ")}.`}
        </p>
        <p className="text-sm text-fg">
          {domains.length === 0 ? "No domains blocked." : `Blocked domains: ${domains.join(", ")}.`}
        </p>
      </section>

      <section aria-labelledby="review-dryrun" className="space-y-3">
        <h3 id="review-dryrun" className="font-semibold text-fg">
          Pre-flight
        </h3>
        <p className="text-sm text-fg-muted">
          Register runs as a real API dry run (nothing is created). Controls and themes cannot be dry-run before the
          merchant exists, so they are checked here against your taxonomy's mapping and the API's formats.
        </p>
        <Button onClick={runDryRun} aria-disabled={pending || undefined}>
          {pending ? "Running…" : "Run dry run"}
        </Button>
        <p role="status" className="min-h-5 text-sm text-danger">
          {problem ?? ""}
        </p>
        {items ? (
          <ul
            aria-label="Dry-run results"
            className="divide-y divide-border rounded-card border border-border bg-surface"
          >
            {items.map((item) => (
              <li key={item.name} className="space-y-1 p-3 text-sm">
                <p>
                  <span className="font-medium text-fg">{item.name}</span>{" "}
                  {item.ok ? (
                    <span className="text-success">OK</span>
                  ) : (
                    <span className="text-danger">{item.message}</span>
                  )}
                </p>
                {item.existingAccountId ? (
                  <p>
                    <Link
                      className="text-accent underline"
                      href={`/merchants/${encodeURIComponent(item.existingAccountId)}`}
                    >
                      Open the existing merchant
                    </Link>
                  </p>
                ) : null}
                {!item.ok && item.fixStep ? (
                  <p>
                    <Link
                      className="text-accent underline"
                      href={`${stepHref(draftId, item.fixStep)}${fixHash(item.field)}`}
                    >
                      Fix in {STEP_LABELS[item.fixStep]}
                    </Link>
                  </p>
                ) : null}
                {!item.ok && !item.fixStep && item.name === "Register" ? (
                  <p className="text-fg-muted">The API could not answer: run the dry run again later.</p>
                ) : null}
                {item.requestId ? <p className="font-mono text-xs text-fg-muted">Request id {item.requestId}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <StepNav step="review" />
    </div>
  );
}
