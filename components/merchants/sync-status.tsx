"use client";

import { useEffect, useState } from "react";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { MerchantSyncInfo } from "@/lib/merchants/query";

/** "Last synced …" and "Sync now" (a write: one Idempotency-Key per press, CSRF header). */

const absolute = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

export function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} ${minutes === 1 ? "minute" : "minutes"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? "hour" : "hours"} ago`;
  const days = Math.round(hours / 24);
  return `${days} ${days === 1 ? "day" : "days"} ago`;
}

export function SyncStatus({ sync, onSynced }: { sync: MerchantSyncInfo | null; onSynced(): void }) {
  const { send, pending } = useIntentWrite();
  const toast = useToast();
  // Relative times only after hydration (the server's clock is not the browser's); refreshed every half minute.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const syncNow = async () => {
    try {
      const res = await send<{ state: "done" | "running"; result?: { seen: number } }>({
        method: "POST",
        path: "/api/merchants/sync",
      });
      if (res.data.state === "done") {
        const n = res.data.result?.seen ?? 0;
        toast.success(`Synced ${n.toLocaleString("en-US")} ${n === 1 ? "merchant" : "merchants"}.`);
      } else {
        toast.success("A sync is running; the list updates when it finishes.");
      }
      onSynced();
    } catch (error) {
      toast.error(describeWriteError(error));
    }
  };

  const last = sync?.lastSyncedAt ?? null;
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-fg-muted">
      <span>
        {sync?.running || pending ? (
          "Syncing…"
        ) : last ? (
          <>
            Last synced{" "}
            <time dateTime={last} title={absolute.format(Date.parse(last))}>
              {now === null ? absolute.format(Date.parse(last)) : relativeTime(last, now)}
            </time>
          </>
        ) : (
          "Not synced yet"
        )}
        {sync?.lastError ? <span className="ml-2 text-danger">Last sync failed: {sync.lastError}</span> : null}
      </span>
      <Button variant="secondary" size="sm" onClick={syncNow} disabled={pending}>
        {pending ? "Syncing…" : "Sync now"}
      </Button>
    </div>
  );
}
