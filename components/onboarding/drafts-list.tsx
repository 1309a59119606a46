"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, mintIdempotencyKey } from "@/lib/api";
import { STEP_LABELS, STEPS, stepHref } from "@/lib/onboarding/steps";
import { describeWriteError } from "../forms/use-intent-write";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { useToast } from "../ui/toast";

export interface DraftSummary {
  id: string;
  brand: string | null;
  reached: number;
  updatedAt: string;
  running: boolean;
}

/** "New merchant": a new draft on the server, then its first step. */
export function NewDraftButton() {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const create = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const res = await apiFetch<{ data: { id: string } }>("/api/onboarding/drafts", {
        method: "POST",
        idempotencyKey: mintIdempotencyKey(),
      });
      router.push(stepHref(res.data.data.id, "merchant"));
    } catch (error) {
      toast.error(`No draft was created: ${describeWriteError(error)}`);
      setBusy(false);
    }
  };
  return (
    <Button onClick={create} aria-disabled={busy || undefined}>
      New merchant
    </Button>
  );
}

/** The drafts in progress: each resumable where it stopped, and deletable (not while it is going live). */
export function DraftsList({ drafts }: { drafts: DraftSummary[] }) {
  const router = useRouter();
  const toast = useToast();
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = async (d: DraftSummary) => {
    const name = d.brand ?? "Untitled draft";
    if (!window.confirm(`Delete the draft “${name}”? What it holds is lost.`)) return;
    setDeleting(d.id);
    try {
      await apiFetch(`/api/onboarding/drafts/${encodeURIComponent(d.id)}`, {
        method: "DELETE",
        idempotencyKey: mintIdempotencyKey(),
      });
      toast.success(`Draft “${name}” deleted.`);
      router.refresh();
    } catch (error) {
      toast.error(`The draft was not deleted: ${describeWriteError(error)}`);
    } finally {
      setDeleting(null);
    }
  };
  return (
    <section aria-labelledby="in-progress-heading" className="space-y-3">
      <h2 id="in-progress-heading" className="text-lg font-semibold text-fg">
        In progress
      </h2>
      {drafts.length === 0 ? (
        <EmptyState title="No drafts in progress">
          Start one with “New merchant”. Drafts are saved as you type and listed here until they go live.
        </EmptyState>
      ) : (
        <ul aria-label="In progress" className="divide-y divide-border rounded-card border border-border bg-surface">
          {drafts.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
              <div className="min-w-0">
                <Link
                  href={stepHref(d.id, d.running ? "go-live" : (STEPS[d.reached] ?? "merchant"))}
                  className="font-medium text-accent underline-offset-2 hover:underline"
                >
                  {d.brand ?? "Untitled draft"}
                </Link>
                <p className="text-xs text-fg-muted">
                  {d.running ? "Going live" : `At ${STEP_LABELS[STEPS[d.reached] ?? "merchant"]}`} · changed{" "}
                  {new Date(d.updatedAt).toLocaleString()}
                </p>
              </div>
              <Button variant="secondary" size="sm" onClick={() => remove(d)} disabled={deleting === d.id || d.running}>
                Delete draft
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
