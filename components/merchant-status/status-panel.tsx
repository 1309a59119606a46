"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { describeWriteError, operationLink, useIntentWrite } from "@/components/forms/use-intent-write";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";
import { ApiError } from "@/lib/api";
import { clearDraft, loadDraft, saveDraft } from "@/lib/drafts";
import type { AccountStatusView } from "@/lib/partnerships/status";
import { VariantsTable } from "./variants-table";

/**
 * The reason dialog (react-hook-form and its zod schema) is its own chunk,
 * fetched when the panel mounts: closed until a switch is turned, so the page's
 * first load does not carry it.
 */
const loadReasonDialog = () => import("./reason-dialog").then((m) => m.ReasonDialog);
const ReasonDialog = dynamic(loadReasonDialog, { ssr: false });

type Target = "active" | "paused";
interface Draft {
  status: Target;
  reason: string;
}
interface Change {
  before: AccountStatusView["variants"];
  to: Target;
}

const LOCKED: Record<string, string> = {
  deleting: "This merchant's data is being deleted, so its status can no longer change.",
  deleted: "This merchant's data was deleted, so its status can no longer change.",
};

/**
 * The Active switch. Turning it asks for a reason in a dialog; Confirm sends the
 * change at once (no undo timer), then shows what happened to each page variant.
 */
export function StatusPanel({
  accountId,
  initial,
  pageNames,
}: {
  accountId: string;
  initial: AccountStatusView;
  pageNames: Record<string, string>;
}) {
  const draftName = `status-reason:${accountId}`;
  const router = useRouter();
  const toast = useToast();
  const labelId = useId();
  const lockedId = useId();
  const switchRef = useRef<HTMLButtonElement>(null);
  const readReason = useRef<(() => string) | null>(null);
  const [view, setView] = useState(initial);
  const [change, setChange] = useState<Change | null>(null);
  const [dialog, setDialog] = useState<{ target: Target; reason: string; key?: string; restored: boolean } | null>(
    null,
  );
  const [error, setError] = useState<{ message: string; reason: string | null } | null>(null);
  const target = useRef<Target>("paused");
  const { send, pending } = useIntentWrite({
    onSessionExpired: (key) =>
      saveDraft<Draft>(draftName, { status: target.current, reason: readReason.current?.() ?? "" }, key),
  });

  const active = view.status === "active";
  const locked = LOCKED[view.status];

  // Back from sign-in after an expired session: reopen the dialog with the kept reason and intent.
  useEffect(() => {
    const draft = loadDraft<Draft>(draftName);
    if (!draft) return;
    if (draft.values.status === initial.status || LOCKED[initial.status]) {
      clearDraft(draftName);
      return;
    }
    target.current = draft.values.status;
    setDialog({ target: draft.values.status, reason: draft.values.reason, key: draft.intentKey, restored: true });
  }, [draftName, initial.status]);

  function open() {
    if (locked || pending) return;
    const next: Target = active ? "paused" : "active";
    target.current = next;
    setError(null);
    setDialog({ target: next, reason: "", restored: false });
  }

  function close() {
    clearDraft(draftName);
    setDialog(null);
    setError(null);
    switchRef.current?.focus();
  }

  async function confirm(reason: string) {
    if (!dialog) return;
    setError(null);
    const before = view.variants;
    try {
      const result = await send<AccountStatusView>({
        method: "PUT",
        path: `/api/merchants/${accountId}/status`,
        body: { status: dialog.target, reason },
        intentKey: dialog.key,
      });
      clearDraft(draftName);
      setView(result.data);
      setChange({ before, to: dialog.target });
      setDialog(null);
      switchRef.current?.focus();
      const changed = result.data.variants.filter((v) => v.status !== "archived").length;
      toast.success(
        `Merchant ${dialog.target === "active" ? "activated" : "paused"}: ${changed} page variant${changed === 1 ? "" : "s"} ${dialog.target === "active" ? "active" : "paused"}.`,
        { link: operationLink(result.operationId) },
      );
      // The header's status badge is rendered on the server.
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // on its way to sign-in, draft kept
      setError({
        message: describeWriteError(err),
        reason: err instanceof ApiError ? (err.fields.reason ?? null) : null,
      });
    }
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby={`${labelId}-h`} className="rounded-card border border-border bg-surface p-5">
        <h2 id={`${labelId}-h`} className="mb-3 text-base font-semibold">
          Placement status
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <span id={labelId} className="text-sm font-medium">
            Active
          </span>
          <button
            ref={switchRef}
            type="button"
            role="switch"
            aria-checked={active}
            aria-labelledby={labelId}
            aria-describedby={locked ? lockedId : undefined}
            disabled={Boolean(locked) || pending}
            onClick={open}
            className={cn(
              "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border border-transparent transition-colors",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
              "disabled:cursor-not-allowed disabled:opacity-60",
              active ? "bg-accent" : "bg-fg-muted",
            )}
          >
            <span
              aria-hidden="true"
              className={cn(
                "inline-block h-5 w-5 rounded-full bg-surface shadow transition-transform",
                active ? "translate-x-5" : "translate-x-0.5",
              )}
            />
          </button>
          <span className="text-sm text-fg-muted">
            {active
              ? "Placements show on this merchant's pages."
              : view.status === "paused"
                ? "Paused: no placements show."
                : ""}
          </span>
        </div>
        {locked ? (
          <p id={lockedId} className="mt-2 text-sm text-fg-muted">
            {locked}
          </p>
        ) : null}
      </section>

      {change ? (
        <section aria-labelledby={`${labelId}-r`} className="space-y-2">
          <h2 id={`${labelId}-r`} className="text-base font-semibold">
            Result: {change.to === "active" ? "activated" : "paused"}
          </h2>
          <VariantsTable
            variants={view.variants}
            before={change.before}
            pageNames={pageNames}
            caption="What the status change did to each page variant"
          />
        </section>
      ) : (
        <section aria-labelledby={`${labelId}-v`} className="space-y-2">
          <h2 id={`${labelId}-v`} className="text-base font-semibold">
            Page variants
          </h2>
          {view.variants.length === 0 ? (
            <p className="text-sm text-fg-muted">This merchant has no page variants.</p>
          ) : (
            <VariantsTable variants={view.variants} pageNames={pageNames} caption="Page variants and their status" />
          )}
        </section>
      )}

      <ReasonDialog
        open={dialog !== null}
        target={dialog?.target ?? "paused"}
        pending={pending}
        error={error?.message ?? null}
        reasonError={error?.reason ?? null}
        restoredNotice={dialog?.restored ?? false}
        defaultReason={dialog?.reason ?? ""}
        onConfirm={confirm}
        onCancel={close}
        readReason={readReason}
      />
    </div>
  );
}
