"use client";

import type { ControlsFormValues } from "@/lib/controls";
import { clearDraft, loadDraft, saveDraft } from "@/lib/drafts";
import type { Controls } from "@/lib/partnerships/controls";

/**
 * The draft kept across an expired session: the form's values, the version
 * they were edited from (its contentHash goes in the PUT), and the key of the
 * save that was being sent, so the resend after sign-in is the same intent.
 */
export interface ControlsDraft {
  values: ControlsFormValues;
  base: Controls;
}

const draftName = (accountId: string) => `controls:${accountId}`;

export function keepControlsDraft(accountId: string, draft: ControlsDraft, intentKey?: string): void {
  saveDraft(draftName(accountId), draft, intentKey);
}

/** The kept draft, if any and well-formed (drop it with dropControlsDraft once it is on screen). */
export function readControlsDraft(accountId: string): { draft: ControlsDraft; intentKey?: string } | null {
  const stored = loadDraft<ControlsDraft>(draftName(accountId));
  if (!stored) return null;
  const v = stored.values;
  if (!v?.values || !Array.isArray(v.values.blocked) || typeof v.values.domainsText !== "string" || !v.base)
    return null;
  return { draft: v, intentKey: stored.intentKey };
}

export function dropControlsDraft(accountId: string): void {
  clearDraft(draftName(accountId));
}
