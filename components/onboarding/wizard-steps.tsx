"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { STEP_LABELS, STEPS, stepHref } from "@/lib/onboarding/steps";
import { cn } from "../ui/cn";
import { useWizard } from "./wizard-context";

/**
 * The wizard's steps in their fixed order: steps the draft may open are links,
 * the current one is marked `aria-current="step"`, steps not reached yet are
 * plain text. Also says whether the draft is saved.
 */
export function WizardSteps() {
  const { draftId, reached, saveState, saveError } = useWizard();
  const current = useSelectedLayoutSegment();
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <nav aria-label="Steps">
        <ol className="flex flex-wrap gap-1 text-sm">
          {STEPS.map((slug, i) => {
            const isCurrent = slug === current;
            const classes = cn(
              "inline-flex h-8 items-center gap-2 rounded-md px-3",
              isCurrent ? "bg-accent text-accent-fg" : "text-fg",
            );
            const label = (
              <>
                <span aria-hidden="true" className="font-mono text-xs opacity-70">
                  {i + 1}
                </span>
                {STEP_LABELS[slug]}
              </>
            );
            return (
              <li key={slug}>
                {i <= reached || isCurrent ? (
                  <Link
                    href={stepHref(draftId, slug)}
                    aria-current={isCurrent ? "step" : undefined}
                    className={cn(
                      classes,
                      !isCurrent && "hover:bg-surface-muted",
                      "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
                    )}
                  >
                    {label}
                  </Link>
                ) : (
                  <span className={cn(classes, "text-fg-muted")}>{label}</span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      <p className="min-w-40 text-right text-xs text-fg-muted" aria-live="polite">
        {saveState === "saved"
          ? "Draft saved"
          : saveState === "saving"
            ? "Saving draft…"
            : saveState === "unsaved"
              ? "Unsaved changes (kept in this tab)"
              : `Not saved: ${saveError ?? "try again"}`}
      </p>
    </div>
  );
}
