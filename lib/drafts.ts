/**
 * Unsaved drafts kept in this tab's sessionStorage, so that nothing a person
 * typed is lost to an expired session: the form saves its draft (and the key
 * of the intent it was sending) before the browser goes to sign-in, and
 * restores it when the same page opens again.
 */
export interface StoredDraft<T> {
  values: T;
  /** The Idempotency-Key of the intent that was being sent, so a resend is the same intent. */
  intentKey?: string;
  savedAt: string;
}

const PREFIX = "pc:draft:";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function saveDraft<T>(name: string, values: T, intentKey?: string): void {
  const draft: StoredDraft<T> = { values, intentKey, savedAt: new Date().toISOString() };
  storage()?.setItem(PREFIX + name, JSON.stringify(draft));
}

export function loadDraft<T>(name: string): StoredDraft<T> | null {
  const raw = storage()?.getItem(PREFIX + name);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as StoredDraft<T>;
  } catch {
    return null;
  }
}

export function clearDraft(name: string): void {
  storage()?.removeItem(PREFIX + name);
}
