"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { clearDraft, loadDraft, saveDraft } from "@/lib/drafts";
import type { Theme } from "@/lib/partnerships/pages";
import type { ThemeDraft } from "@/lib/theme/patch";

interface StoredThemeDraft {
  values: ThemeDraft;
  /** The sparse body that was being sent when the session expired. */
  patch: Partial<Theme>;
}

/**
 * A layout's draft kept across an expired session: saved with the intent's key
 * just before the browser leaves for sign-in, restored once when the section
 * opens again. Resending the same body reuses that key, so the write stays one
 * intent; a body edited since then is a new intent with a new key.
 */
export function useThemeDraft(name: string, restore: (values: ThemeDraft) => void) {
  const kept = useRef<{ key: string; body: string } | null>(null);
  const [restored, setRestored] = useState(false);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  useEffect(() => {
    const draft = loadDraft<StoredThemeDraft>(name);
    if (!draft?.values) return;
    kept.current = draft.intentKey ? { key: draft.intentKey, body: JSON.stringify(draft.values.patch) } : null;
    restoreRef.current(draft.values.values);
    setRestored(true);
  }, [name]);

  const keep = useCallback(
    (values: ThemeDraft, patch: Partial<Theme>, intentKey: string) => saveDraft(name, { values, patch }, intentKey),
    [name],
  );

  /** The restored intent's key, when this body is the one it was sending. */
  const keyFor = useCallback((patch: Partial<Theme>) => {
    const k = kept.current;
    return k && k.body === JSON.stringify(patch) ? k.key : undefined;
  }, []);

  const discard = useCallback(() => {
    kept.current = null;
    setRestored(false);
    clearDraft(name);
  }, [name]);

  return { restored, keep, keyFor, discard };
}
