"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { chosenSurfaces } from "@/lib/onboarding/draft";
import { RUN_STATE_LABELS, type RunStepView, type RunView, runStepLabel } from "@/lib/onboarding/run";
import { STEP_LABELS, type StepSlug, stepHref } from "@/lib/onboarding/steps";
import { describeWriteError, operationLink, useIntentWrite } from "../forms/use-intent-write";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useRunPoll } from "./use-run-poll";
import { useWizard } from "./wizard-context";

/** The steps a run would send, before it exists: all waiting. */
function plannedSteps(names: string[]): RunStepView[] {
  return names.map((name) => ({
    name,
    label: runStepLabel(name),
    state: "waiting",
    operationId: null,
    requestId: null,
    error: null,
  }));
}

/**
 * Step 6: the go-live run. The server drives it (a closed tab changes nothing);
 * this page starts or resumes it and polls its steps. A failed step offers
 * "Retry" (the same intent, same key) and "Edit and retry" (a new intent after
 * editing the step it came from).
 */
export function GoLiveStep({ initialRun }: { initialRun: RunView | null }) {
  const router = useRouter();
  const { draftId, data, update, flush } = useWizard();
  const { send, pending } = useIntentWrite();
  const [problem, setProblem] = useState<string | null>(null);
  const payoutId = useId();
  const base = `/api/onboarding/drafts/${encodeURIComponent(draftId)}`;
  const [run, setRun] = useRunPoll(`${base}/run`, initialRun);

  const goLive = async () => {
    if (pending) return;
    setProblem(null);
    try {
      await flush();
      const result = await send<RunView>({
        method: "POST",
        path: `${base}/run`,
        body: { payoutLink: data.payoutLink },
      });
      setRun(result.data);
    } catch (error) {
      setProblem(describeWriteError(error));
    }
  };
  const retry = async (step: string, mode: "same" | "edit") => {
    setProblem(null);
    try {
      const result = await send<{ editStep: StepSlug | null; run: RunView }>({
        method: "POST",
        path: `${base}/run/retry`,
        body: { step, mode },
      });
      setRun(result.data.run);
      if (result.data.editStep) router.push(stepHref(draftId, result.data.editStep));
    } catch (error) {
      setProblem(describeWriteError(error));
    }
  };

  const planned = [
    "register",
    "controls",
    ...chosenSurfaces(data).map((s) => `theme:${s}`),
    ...(data.payoutLink ? ["payout"] : []),
    "activate",
  ];
  const steps = run?.steps ?? plannedSteps(planned);
  const canStart = !run || run.state === "paused";
  const paused = run?.state === "paused" ? run.steps.find((s) => s.state === "failed") : undefined;
  const payout = run?.steps.find((s) => s.payout)?.payout;

  return (
    <div className="max-w-3xl space-y-6">
      <h2 className="text-lg font-semibold text-fg">Go live</h2>
      <p className="text-sm text-fg-muted">
        Registers the merchant, sets its controls and themes, optionally creates a payout onboarding link, then
        activates it. The console runs these on its server: you may close this page and come back.
      </p>
      <div className="flex items-start gap-3">
        <input
          id={payoutId}
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={data.payoutLink}
          disabled={Boolean(run) && !canStart}
          onChange={(e) => update((d) => ({ ...d, payoutLink: e.target.checked }))}
        />
        <label htmlFor={payoutId} className="text-sm text-fg">
          Create payout onboarding link
          <span className="block text-xs text-fg-muted">
            A Stripe onboarding link for the merchant, valid for a few minutes; you can ask for a new one on the
            merchant page.
          </span>
        </label>
      </div>
      {paused ? (
        <p className="rounded-md border border-warning p-3 text-sm text-fg">
          {paused.label} waits for your changes. Edit it, then press Go live: it is sent again as a new request.
        </p>
      ) : null}
      {canStart ? (
        <Button onClick={goLive} aria-disabled={pending || undefined}>
          Go live
        </Button>
      ) : null}
      <p role="status" className="min-h-5 text-sm text-danger">
        {problem ?? ""}
      </p>
      <ol aria-label="Go-live steps" className="divide-y divide-border rounded-card border border-border bg-surface">
        {steps.map((step) => (
          <li key={step.name} className="space-y-2 p-3 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-fg">{step.label}</span>
              <span
                className={cn(
                  "rounded px-2 py-0.5 text-xs font-medium",
                  step.state === "done" && "text-success",
                  step.state === "failed" && "text-danger",
                  step.state === "running" && "text-accent",
                  step.state === "waiting" && "text-fg-muted",
                )}
              >
                {RUN_STATE_LABELS[step.state]}
              </span>
              {step.operationId ? (
                <Link
                  className="font-mono text-xs text-accent underline"
                  href={operationLink(step.operationId)?.href ?? "#"}
                >
                  {step.operationId}
                </Link>
              ) : null}
            </p>
            {step.error ? (
              <StepError
                draftId={draftId}
                step={step}
                externalId={data.merchant.external_account_id}
                onRetry={retry}
                canRetry={run?.state === "failed"}
              />
            ) : null}
          </li>
        ))}
      </ol>
      {run?.state === "done" && run.accountId ? (
        <section
          aria-labelledby="golive-summary"
          className="space-y-2 rounded-card border border-success bg-surface p-4 text-sm"
        >
          <h3 id="golive-summary" className="font-semibold text-fg">
            {data.merchant.brand} is live
          </h3>
          <p>
            <Link className="text-accent underline" href={`/merchants/${encodeURIComponent(run.accountId)}`}>
              Open merchant
            </Link>{" "}
            <span className="font-mono text-xs text-fg-muted">account {run.accountId}</span>
          </p>
          <p>
            <Link
              className="text-accent underline"
              href={`/operations?merchantId=${encodeURIComponent(run.accountId)}`}
            >
              Its operations
            </Link>
          </p>
          {payout ? (
            <p>
              <a
                className="text-accent underline"
                href={payout.onboardingUrl}
                target="_blank"
                rel="noreferrer noopener"
              >
                Payout onboarding link
              </a>{" "}
              <span className="text-fg-muted">expires {new Date(payout.expiresAt).toLocaleString()}</span>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function StepError({
  draftId,
  step,
  externalId,
  canRetry,
  onRetry,
}: {
  draftId: string;
  step: RunStepView;
  externalId: string;
  canRetry: boolean;
  onRetry: (step: string, mode: "same" | "edit") => void;
}) {
  const e = step.error;
  if (!e) return null;
  return (
    <div className="space-y-2">
      <p className="text-danger">{e.message}</p>
      {e.requestId ? <p className="font-mono text-xs text-fg-muted">Request id {e.requestId}</p> : null}
      {e.final ? (
        <p className="text-xs text-fg-muted">
          The API's answer is final for this request: Retry gets the same answer; change the request with Edit and
          retry.
        </p>
      ) : null}
      {e.code === "already_registered" && e.accountId ? (
        <p>
          <Link className="text-accent underline" href={`/merchants/${encodeURIComponent(e.accountId)}`}>
            Open the existing merchant
          </Link>
        </p>
      ) : null}
      {e.code === "conflict_other_store" ? (
        <p>
          <Link className="text-accent underline" href={`/merchants?q=${encodeURIComponent(externalId)}`}>
            Find the merchant with this external account ID
          </Link>{" "}
          or{" "}
          <Link className="text-accent underline" href={stepHref(draftId, "merchant")}>
            change it in {STEP_LABELS.merchant}
          </Link>
        </p>
      ) : null}
      {canRetry ? (
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={() => onRetry(step.name, "same")}>
            Retry
          </Button>
          <Button size="sm" variant="secondary" onClick={() => onRetry(step.name, "edit")}>
            Edit and retry
          </Button>
        </div>
      ) : null}
    </div>
  );
}
