"use client";

import { useEffect, useId, useState } from "react";
import { describeWriteError, useIntentWrite } from "@/components/forms/use-intent-write";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses, Input } from "@/components/ui/input";
import { ApiError } from "@/lib/api";
import { DeletionProgress } from "./deletion-progress";
import { MerchantCombobox, type MerchantOption, optionLabel } from "./merchant-combobox";

type Sent =
  | { state: "submitted"; operationId: string; accountId: string }
  | { state: "awaiting_approval"; label: string };

/**
 * Deletes a merchant's data (SPEC §5.11): the merchant, a reason, and its
 * external account id typed to confirm. Reusable: the merchant page's danger
 * zone passes its merchant and the combobox is left out.
 */
export function MerchantDeletion({ merchant: fixed }: { merchant?: MerchantOption }) {
  const [merchant, setMerchant] = useState<MerchantOption | null>(fixed ?? null);
  const [reason, setReason] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  // The form's schema (zod) is fetched after the first paint, so a submit validates without waiting.
  useEffect(() => {
    void import("@/lib/privacy/form");
  }, []);
  const { send, pending } = useIntentWrite();
  const reasonId = useId();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setFailure(null);
    // The shared zod schema is not part of the page's first load (fetched on mount, above).
    const { deletionForm } = await import("@/lib/privacy/form");
    const parsed = deletionForm(merchant?.externalAccountId ?? null).safeParse({
      accountId: merchant?.accountId ?? "",
      reason,
      confirm,
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    if (!merchant) return;
    try {
      const res = await send<{ state: string; historyId: string }>({
        method: "POST",
        path: "/api/privacy/deletions",
        body: { accountId: merchant.accountId, reason: parsed.data.reason, confirmExternalAccountId: confirm.trim() },
      });
      // The shell's tray looks for running operations now rather than at its next idle tick.
      window.dispatchEvent(new Event("console:operation-started"));
      if (res.data.state === "awaiting_approval") setSent({ state: "awaiting_approval", label: optionLabel(merchant) });
      else if (res.operationId)
        setSent({ state: "submitted", operationId: res.operationId, accountId: merchant.accountId });
    } catch (err) {
      if (err instanceof ApiError && err.fields.confirmExternalAccountId)
        setErrors({ confirm: err.fields.confirmExternalAccountId });
      setFailure(describeWriteError(err));
    }
  }

  if (sent?.state === "submitted")
    return (
      <DeletionProgress
        operationId={sent.operationId}
        accountId={sent.accountId}
        label={merchant ? optionLabel(merchant) : sent.accountId}
      />
    );
  if (sent?.state === "awaiting_approval")
    return (
      <div role="status" className="rounded-card border border-accent bg-surface p-4 text-sm">
        <p className="font-semibold">Awaiting approval</p>
        <p className="mt-1">
          The deletion of {sent.label} waits for another admin to approve it (Privacy → Merchant data deletion). Nothing
          has been deleted yet.
        </p>
      </div>
    );

  return (
    <form onSubmit={submit} noValidate aria-label="Merchant data deletion" className="max-w-2xl space-y-4">
      {fixed ? null : (
        <MerchantCombobox
          value={merchant}
          onChange={(m) => {
            setMerchant(m);
            setErrors((e) => ({ ...e, accountId: "" }));
          }}
          error={errors.accountId || undefined}
        />
      )}
      <div className="space-y-1">
        <label htmlFor={reasonId} className="block text-sm font-medium text-fg">
          Reason
        </label>
        <textarea
          id={reasonId}
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? `${reasonId}-error` : undefined}
          className={cn(controlClasses, "py-2")}
        />
        {errors.reason ? (
          <p id={`${reasonId}-error`} className="text-sm text-danger">
            {errors.reason}
          </p>
        ) : null}
      </div>
      <Input
        label="Type the external account ID to confirm"
        autoComplete="off"
        spellCheck={false}
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.confirm || undefined}
        hint={
          merchant
            ? `Type ${merchant.externalAccountId}. All of this merchant's data is deleted, and this cannot be undone.`
            : "Choose the merchant first."
        }
      />
      {failure ? (
        <p role="alert" className="rounded-card border border-danger bg-surface p-3 text-sm">
          {failure}
        </p>
      ) : null}
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Sending…" : "Delete merchant data"}
      </Button>
    </form>
  );
}
