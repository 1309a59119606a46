"use client";

import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from "react";
import { apiFetch } from "@/lib/api";
import type { RunView } from "@/lib/onboarding/run";

export const RUN_POLL_MS = 700;

/**
 * The go-live run as the server drives it, polled while it runs. A failed poll
 * changes no run, so the count of misses is what schedules the next one; the
 * pace backs off while polls fail (a busy or restarting server), up to 8 ×.
 */
export function useRunPoll(
  runUrl: string,
  initialRun: RunView | null,
): [RunView | null, Dispatch<SetStateAction<RunView | null>>] {
  const [run, setRun] = useState<RunView | null>(initialRun);
  const [misses, setMisses] = useState(0);
  const poll = useCallback(async () => {
    try {
      const res = await apiFetch<{ data: RunView | null }>(runUrl);
      setMisses(0);
      setRun(res.data.data);
    } catch {
      setMisses((n) => n + 1);
    }
  }, [runUrl]);

  useEffect(() => {
    if (run?.state !== "running") return;
    const timer = setTimeout(poll, RUN_POLL_MS * Math.min(2 ** misses, 8));
    return () => clearTimeout(timer);
  }, [run, misses, poll]);

  return [run, setRun];
}
