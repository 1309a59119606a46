"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { type FieldErrors, validateStep } from "@/lib/onboarding/draft";
import { STEP_LABELS, STEPS, type StepSlug, stepHref, stepIndex } from "@/lib/onboarding/steps";
import { Button } from "../ui/button";
import { useWizard } from "./wizard-context";

/**
 * "Back" and "Next". Next checks the current step only (with the shared
 * schemas, through `validate` when the step has its own form), shows the
 * messages and moves focus to the first error; when the step is valid it saves
 * the draft, asks the server for the next step and goes there.
 */
export function StepNav({
  step,
  validate,
  onInvalid,
}: {
  step: StepSlug;
  /** The step's own check; default: validateStep with the shared schemas. */
  validate?: () => Promise<boolean> | boolean;
  /** Shows the messages of a failed default check (field → message). */
  onInvalid?: (errors: FieldErrors) => void;
}) {
  const router = useRouter();
  const { draftId, data, taxonomy, flush } = useWizard();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const index = stepIndex(step);
  const prev = STEPS[index - 1];
  const next = STEPS[index + 1];

  const goNext = async () => {
    if (!next || busy) return;
    setProblem(null);
    if (validate) {
      if (!(await validate())) return;
    } else {
      const errors = validateStep(step, data, taxonomy);
      if (Object.keys(errors).length > 0) {
        onInvalid?.(errors);
        return;
      }
    }
    setBusy(true);
    try {
      const granted = await flush(index + 1);
      if (granted.reached < index + 1) {
        const where = granted.blockedAt ? STEP_LABELS[granted.blockedAt] : "an earlier step";
        setProblem(`${where} needs attention first: ${Object.values(granted.fields)[0] ?? "check it"}.`);
        return;
      }
      router.push(stepHref(draftId, next));
    } catch (error) {
      setProblem(
        `The draft could not be saved, so the next step cannot open yet: ${error instanceof Error ? error.message : "try again"}. Nothing you typed is lost.`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mt-8 space-y-3 border-t border-border pt-4">
      <p role="status" className="min-h-5 text-sm text-danger">
        {problem}
      </p>
      <div className="flex items-center justify-between gap-3">
        {prev ? (
          <Button variant="secondary" onClick={() => router.push(stepHref(draftId, prev))}>
            Back
          </Button>
        ) : (
          <span />
        )}
        {next ? (
          <Button onClick={goNext} aria-disabled={busy || undefined}>
            Next
          </Button>
        ) : null}
      </div>
    </div>
  );
}
