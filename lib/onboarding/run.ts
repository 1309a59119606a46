import { SURFACES, type Surface } from "@/lib/partnerships/formats";
import { SURFACE_LABELS } from "@/lib/theme/labels";
import type { StepSlug } from "./steps";

/**
 * The go-live run as the browser sees it: one item per write, in the order
 * they are sent (register → controls → one theme per surface → payout link →
 * activate), each with its state and, once sent, its operation id.
 */
export type RunStepName = "register" | "controls" | `theme:${Surface}` | "payout" | "activate";
export type RunStepState = "waiting" | "running" | "done" | "failed";
export type RunState = "running" | "failed" | "paused" | "done";

export function runStepLabel(name: string): string {
  if (name === "register") return "Register";
  if (name === "controls") return "Controls";
  if (name === "payout") return "Payout link";
  if (name === "activate") return "Activate";
  const surface = name.startsWith("theme:") ? (name.slice(6) as Surface) : null;
  return surface && SURFACES.includes(surface) ? `Theme: ${SURFACE_LABELS[surface]}` : name;
}

export const RUN_STATE_LABELS: Record<RunStepState, string> = {
  waiting: "Waiting",
  running: "Running",
  done: "Done",
  failed: "Failed",
};

/** The wizard step where what a run step sends is edited ("Edit and retry"). */
export function editStepFor(name: string, field?: string | null): StepSlug | null {
  if (name === "register") return field === "pages" || field?.startsWith("pages") ? "surfaces" : "merchant";
  if (name === "controls") return "controls";
  if (name.startsWith("theme:")) return "theme";
  return null;
}

export interface RunStepError {
  /** e.g. already_registered, conflict_other_store, bad_request, unavailable, internal */
  code: string;
  message: string;
  httpStatus: number | null;
  /** The request field the API named, when it named one. */
  field: string | null;
  requestId: string | null;
  operationId: string | null;
  /** The answer is final for this key (a kept 4xx): only a changed request (new key) can succeed. */
  final: boolean;
  /** The existing merchant, for already_registered. */
  accountId?: string | null;
}

export interface RunStepView {
  name: string;
  label: string;
  state: RunStepState;
  operationId: string | null;
  requestId: string | null;
  error: RunStepError | null;
  /** Payout link only: the onboarding link and when it stops working. */
  payout?: { onboardingUrl: string; expiresAt: string; stripeAccountId: string } | null;
}

export interface RunView {
  state: RunState;
  accountId: string | null;
  payoutLink: boolean;
  steps: RunStepView[];
}

/** The outcome of one pre-flight check on the Review step. */
export interface PreflightItem {
  /** "Register", "Controls", "Theme: Confirmation" */
  name: string;
  ok: boolean;
  message: string | null;
  /** Where to fix it ("Fix in <step>"), for a field error. */
  fixStep: StepSlug | null;
  field: string | null;
  requestId: string | null;
  operationId: string | null;
  /** already registered with this store: the existing merchant. */
  existingAccountId: string | null;
}
