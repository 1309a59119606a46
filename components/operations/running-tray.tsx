"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/api";
import { actionLabel } from "@/lib/operations/actions";
import { isTerminal, pollDelayMs, statusLabel } from "@/lib/operations/backoff";
import type { UpstreamOperation } from "./use-operation-poll";

interface Running {
  operationId: string;
  action: string;
  merchantId: string | null;
  status: string;
}

/** Between looks for newly started operations while none is running. */
const IDLE_MS = 15_000;

/**
 * The shell's tray: this user's operations that have not settled yet, each
 * re-read from the API (which updates the journal) on a backing-off schedule,
 * paused while the tab is hidden. The end of one is announced in a toast.
 */
export function RunningTray() {
  const [running, setRunning] = useState<Running[]>([]);
  const [open, setOpen] = useState(false);
  const toast = useToast();
  const toastRef = useRef(toast);
  toastRef.current = toast;
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const last = useRef<Running[]>([]);

  // One loop for the tray's lifetime.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let known = "";
    async function tick() {
      if (stopped || document.hidden) return;
      let list: Running[] = [];
      try {
        const res = await apiFetch<{ data: { entries: Running[] } }>("/api/operations?running=true&mine=true&limit=20");
        list = res.data.data.entries;
        // One that was running and is no longer listed settled elsewhere (its page read it first): still announce it.
        const gone = last.current.filter((p) => !list.some((o) => o.operationId === p.operationId));
        const still: Running[] = [];
        for (const op of [...list, ...gone]) {
          try {
            const one = await apiFetch<{ data: { operation: UpstreamOperation } }>(
              `/api/operations/${encodeURIComponent(op.operationId)}`,
            );
            const status = one.data.data.operation.status;
            if (isTerminal(status)) {
              const what = `${actionLabel(op.action)}${op.merchantId ? ` for ${op.merchantId}` : ""}`;
              const link = { href: `/operations/${encodeURIComponent(op.operationId)}`, label: "View operation" };
              if (status === "completed") toastRef.current.success(`${what}: operation completed.`, { link });
              else toastRef.current.error(`${what}: operation failed.`, { link, durationMs: 15_000 });
            } else if (list.includes(op)) still.push({ ...op, status });
          } catch {
            if (list.includes(op)) still.push(op);
          }
        }
        list = still;
      } catch {
        // Keep what we had; try again later.
        list = last.current;
      }
      if (stopped) return;
      last.current = list;
      setRunning(list);
      const signature = list.map((o) => `${o.operationId}:${o.status}`).join(",");
      if (signature !== known) attempt = 0;
      known = signature;
      timer = setTimeout(tick, list.length > 0 ? pollDelayMs(attempt++) : IDLE_MS);
    }
    const onVisible = () => {
      if (!document.hidden && !stopped) {
        clearTimeout(timer);
        void tick();
      }
    };
    // Another page started a write: look now rather than at the next idle tick.
    const onStarted = () => onVisible();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("console:operation-started", onStarted);
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("console:operation-started", onStarted);
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div ref={wrapper} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className={buttonClasses("ghost", "sm", "tabular-nums")}
      >
        Running operations ({running.length})
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-80 rounded-card border border-border bg-surface p-3 shadow-lg"
      >
        {running.length === 0 ? (
          <p className="text-sm text-fg-muted">Nothing of yours is running.</p>
        ) : (
          <ul className="space-y-2">
            {running.map((op) => (
              <li key={op.operationId} className="text-sm">
                <Link
                  href={`/operations/${encodeURIComponent(op.operationId)}`}
                  className="text-accent underline"
                  onClick={() => setOpen(false)}
                >
                  {actionLabel(op.action)}
                  {op.merchantId ? ` · ${op.merchantId}` : ""}
                </Link>{" "}
                <Badge tone={op.status === "unknown" ? "warning" : "accent"}>{statusLabel(op.status)}</Badge>
              </li>
            ))}
          </ul>
        )}
        <Link
          href="/operations?status=in_progress"
          className="mt-3 block text-xs text-accent underline"
          onClick={() => setOpen(false)}
        >
          All operations
        </Link>
      </div>
    </div>
  );
}
