"use client";

import { useState } from "react";
import type { FieldErrors } from "@/lib/onboarding/draft";
import { LAYOUT_TYPES, type LayoutType, SURFACES, type Surface } from "@/lib/partnerships/formats";
import { SURFACE_LABELS } from "@/lib/theme/labels";
import { cn } from "../ui/cn";
import { StepNav } from "./step-nav";
import { useWizard } from "./wizard-context";

const SURFACE_HINTS: Record<Surface, string> = {
  confirmation: "The order confirmation page, right after checkout.",
  tracking: "The order tracking page the shopper opens from their emails.",
  returns: "The returns page, when the shopper sends something back.",
};

/** A small drawing of a layout type: a card over a dimmed page, or a block inside the page. */
function LayoutPicture({ type }: { type: LayoutType }) {
  return (
    <span
      aria-hidden="true"
      className="relative block h-16 w-24 shrink-0 overflow-hidden rounded border border-border bg-[#F3F4F6]"
    >
      <span className="absolute top-2 right-2 left-2 h-1.5 rounded bg-[#D1D5DB]" />
      <span className="absolute top-5 right-6 left-2 h-1.5 rounded bg-[#D1D5DB]" />
      {type === "Overlay" ? (
        <>
          <span className="absolute inset-0 bg-black/40" />
          <span className="absolute top-4 right-5 left-5 h-9 rounded bg-white shadow">
            <span className="absolute top-1.5 right-1.5 left-1.5 h-1.5 rounded bg-[#4F46E5]" />
          </span>
        </>
      ) : (
        <span className="absolute right-2 bottom-2 left-2 h-6 rounded border border-[#4F46E5] bg-white">
          <span className="absolute top-1.5 right-6 left-1.5 h-1.5 rounded bg-[#4F46E5]" />
        </span>
      )}
    </span>
  );
}

/** Step 2: which pages get a placement, each as an Overlay or Embedded layout. */
export function SurfacesStep() {
  const { data, update } = useWizard();
  const [errors, setErrors] = useState<FieldErrors>({});
  const chosen = new Map(data.surfaces.pages.map((p) => [p.surface, p.layout_type]));

  const setPages = (next: Map<Surface, LayoutType | null>) => {
    const pages = SURFACES.filter((s) => next.has(s)).map((surface) => ({
      surface,
      layout_type: next.get(surface) ?? null,
    }));
    update((d) => ({ ...d, surfaces: { pages } }));
    setErrors({});
  };
  const toggle = (surface: Surface, on: boolean) => {
    const next = new Map(chosen);
    if (on) next.set(surface, next.get(surface) ?? null);
    else next.delete(surface);
    setPages(next);
  };
  const setLayout = (surface: Surface, layout: LayoutType) => {
    const next = new Map(chosen);
    next.set(surface, layout);
    setPages(next);
  };
  const showErrors = (e: FieldErrors) => {
    setErrors(e);
    // Focus the first control with an error: the first checkbox for "choose one", else the radio group.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-surfaces] [aria-invalid="true"]')?.focus());
  };
  const layoutError = (surface: Surface) => {
    const i = data.surfaces.pages.findIndex((p) => p.surface === surface);
    return errors[`pages.${i}.layout_type`];
  };

  return (
    <div data-surfaces className="max-w-3xl">
      <h2 className="mb-1 text-lg font-semibold text-fg">Surfaces</h2>
      <p className="mb-4 text-sm text-fg-muted">
        Choose the pages that show the merchant's placement, and how each shows it.
      </p>
      <fieldset aria-describedby="surfaces-error" className="space-y-4">
        <legend className="sr-only">Surfaces</legend>
        {SURFACES.map((surface, index) => {
          const on = chosen.has(surface);
          const error = layoutError(surface);
          return (
            <div key={surface} className="rounded-card border border-border bg-surface p-4">
              <label className="flex items-start gap-3">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => toggle(surface, e.target.checked)}
                  aria-invalid={index === 0 && errors.pages ? "true" : undefined}
                  className="mt-1 h-4 w-4"
                />
                <span>
                  <span className="block text-sm font-medium text-fg">{SURFACE_LABELS[surface]}</span>
                  <span className="block text-xs text-fg-muted">{SURFACE_HINTS[surface]}</span>
                </span>
              </label>
              {on ? (
                <div className="mt-3 pl-7">
                  <div
                    role="radiogroup"
                    aria-label={`${SURFACE_LABELS[surface]} layout`}
                    aria-invalid={error ? "true" : undefined}
                    aria-describedby={error ? `${surface}-layout-error` : undefined}
                    tabIndex={error ? -1 : undefined}
                    className="flex flex-wrap gap-3"
                  >
                    {LAYOUT_TYPES.map((type) => (
                      <label
                        key={type}
                        className={cn(
                          "flex cursor-pointer items-center gap-3 rounded-md border p-2",
                          chosen.get(surface) === type ? "border-accent" : "border-border",
                        )}
                      >
                        <input
                          type="radio"
                          name={`${surface}-layout`}
                          value={type}
                          checked={chosen.get(surface) === type}
                          onChange={() => setLayout(surface, type)}
                        />
                        <span className="text-sm text-fg">{type}</span>
                        <LayoutPicture type={type} />
                      </label>
                    ))}
                  </div>
                  <p id={`${surface}-layout-error`} className="mt-1 min-h-5 text-sm text-danger">
                    {error ?? ""}
                  </p>
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <p id="surfaces-error" className="mt-2 min-h-5 text-sm text-danger">
        {errors.pages ?? ""}
      </p>
      <StepNav step="surfaces" onInvalid={showErrors} />
    </div>
  );
}
