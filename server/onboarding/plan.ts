import "server-only";
import { chosenSurfaces, type DraftData, firstInvalidStep, validateStep } from "@/lib/onboarding/draft";
import {
  buildControlsBody,
  buildRegisterBody,
  buildThemeBody,
  PlanError,
  payoutOriginAllowed,
} from "@/lib/onboarding/plan";
import type { RunStepName } from "@/lib/onboarding/run";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";

/**
 * Freezes a draft into the go-live run's steps: each step's request body is
 * fixed when the run starts, so a resume sends exactly the same intent. The
 * payout body needs the new account id and is built (then kept) when it is
 * first sent; the theme steps find their layout id in the register answer.
 */
export interface FrozenStep {
  name: RunStepName;
  request: unknown;
}

export class DraftNotReadyError extends Error {
  constructor(
    readonly step: string,
    readonly fields: Record<string, string>,
  ) {
    super(`The ${step} step needs attention before go-live.`);
    this.name = "DraftNotReadyError";
  }
}

export function freezeRun(input: {
  data: DraftData;
  tree: readonly TaxonomyVertical[];
  parentAccountId: string;
  payoutLink: boolean;
  origin: string;
}): FrozenStep[] {
  const invalid = firstInvalidStep(input.data, input.tree);
  if (invalid) throw new DraftNotReadyError(invalid, validateStep(invalid, input.data, input.tree));
  if (input.payoutLink && !payoutOriginAllowed(input.origin)) {
    throw new DraftNotReadyError("go-live", {
      payoutLink: `Payout links need the console on https (or http on localhost); this console runs at ${input.origin}`,
    });
  }
  try {
    const steps: FrozenStep[] = [
      { name: "register", request: buildRegisterBody(input.data, input.parentAccountId) },
      { name: "controls", request: buildControlsBody(input.data) },
      ...chosenSurfaces(input.data).map((surface) => ({
        name: `theme:${surface}` as const,
        request: buildThemeBody(input.data, surface),
      })),
    ];
    if (input.payoutLink) steps.push({ name: "payout", request: null });
    steps.push({ name: "activate", request: { status: "active" } });
    return steps;
  } catch (err) {
    if (err instanceof PlanError) throw new DraftNotReadyError(err.step, err.fields);
    throw err;
  }
}

/** The body of one step again, from the (edited) draft: "Edit and retry" sends it with a new key. */
export function refreezeStep(
  name: string,
  input: { data: DraftData; tree: readonly TaxonomyVertical[]; parentAccountId: string },
): unknown {
  try {
    if (name === "register") {
      for (const slug of ["merchant", "surfaces"] as const) {
        const fields = validateStep(slug, input.data, input.tree);
        if (Object.keys(fields).length > 0) throw new DraftNotReadyError(slug, fields);
      }
      return buildRegisterBody(input.data, input.parentAccountId);
    }
    if (name === "controls") return buildControlsBody(input.data);
    if (name.startsWith("theme:")) {
      return buildThemeBody(input.data, name.slice(6) as Parameters<typeof buildThemeBody>[1]);
    }
    if (name === "activate") return { status: "active" };
    return null; // payout: rebuilt from the origin and account when sent
  } catch (err) {
    if (err instanceof PlanError) throw new DraftNotReadyError(err.step, err.fields);
    throw err;
  }
}
