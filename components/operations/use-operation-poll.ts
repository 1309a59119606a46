"use client";

import { useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/lib/api";
import { isTerminal, pollDelayMs } from "@/lib/operations/backoff";

/** An operation as GET /api/operations/:id returns it (SPEC §4). */
export interface UpstreamOperation {
  operation_id: string;
  operation_type: string | null;
  account_id: string | null;
  status: string;
  dry_run: boolean;
  created_at: string;
  updated_at: string;
  http_status: number | null;
  response_body: unknown;
  error: string | null;
}

export type PollState =
  | { kind: "idle" }
  | { kind: "loaded"; operation: UpstreamOperation }
  | { kind: "error"; message: string; notFound: boolean; operation?: UpstreamOperation };

/**
 * Follows one operation through the console's proxy: 1 s at first, backing off
 * with jitter to about 10 s, paused while the tab is hidden, restarted sooner
 * when the status changes, stopped at a terminal state or when unmounted.
 */
export function useOperationPoll(
  operationId: string | null,
  opts: { initial?: UpstreamOperation | null; onSettled?(op: UpstreamOperation): void } = {},
): PollState {
  const [state, setState] = useState<PollState>(
    opts.initial ? { kind: "loaded", operation: opts.initial } : { kind: "idle" },
  );
  const onSettled = useRef(opts.onSettled);
  onSettled.current = opts.onSettled;
  const initialStatus = opts.initial?.status;

  useEffect(() => {
    if (!operationId || (initialStatus && isTerminal(initialStatus))) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let lastStatus = initialStatus;
    let failures = 0;
    const controller = new AbortController();

    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(tick, ms);
    };
    async function tick() {
      if (stopped) return;
      if (document.hidden) return; // resumed by visibilitychange
      try {
        const res = await apiFetch<{ data: { operation: UpstreamOperation } }>(
          `/api/operations/${encodeURIComponent(operationId ?? "")}`,
          { signal: controller.signal },
        );
        if (stopped) return;
        const op = res.data.data.operation;
        failures = 0;
        setState({ kind: "loaded", operation: op });
        if (op.status !== lastStatus) attempt = 0;
        lastStatus = op.status;
        if (isTerminal(op.status)) {
          onSettled.current?.(op);
          return;
        }
      } catch (err) {
        if (stopped || (err instanceof DOMException && err.name === "AbortError")) return;
        const notFound = err instanceof ApiError && err.status === 404;
        setState((s) => ({
          kind: "error",
          message: err instanceof ApiError ? err.message : "The status could not be read.",
          notFound,
          operation: s.kind === "loaded" ? s.operation : undefined,
        }));
        failures += 1;
        if (notFound || failures >= 5) return;
      }
      schedule(pollDelayMs(attempt++));
    }
    const onVisible = () => {
      if (!document.hidden && !stopped) schedule(0);
    };
    document.addEventListener("visibilitychange", onVisible);
    schedule(initialStatus ? pollDelayMs(0) : 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [operationId, initialStatus]);

  return state;
}
