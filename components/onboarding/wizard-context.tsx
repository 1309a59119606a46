"use client";

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, apiFetch, mintIdempotencyKey } from "@/lib/api";
import { retryDelayMs, shouldRetry } from "@/lib/api/retry";
import { clearDraft, loadDraft, saveDraft } from "@/lib/drafts";
import type { DraftData } from "@/lib/onboarding/draft";
import type { StepSlug } from "@/lib/onboarding/steps";
import type { TaxonomyVertical } from "@/lib/partnerships/taxonomy";

/**
 * The draft being edited, shared by every step of the wizard (the layout keeps
 * it mounted across step URLs). Each change is kept at once in this tab
 * (sessionStorage, survives a reload or an expired session) and saved to the
 * server within about 2 seconds (debounced, one save at a time, the newest
 * wins). "Next" flushes and asks the server for the next step, which it grants
 * only when every step before validates.
 */
export type SaveState = "saved" | "saving" | "unsaved" | "error";

interface SaveAnswer {
  data: { reached: number; updatedAt: string; blockedAt: StepSlug | null; fields: Record<string, string> };
}

interface WizardValue {
  draftId: string;
  data: DraftData;
  reached: number;
  taxonomy: readonly TaxonomyVertical[];
  saveState: SaveState;
  saveError: string | null;
  /** Bumped when the draft was replaced from outside the forms (a newer copy restored from this tab). */
  generation: number;
  update(change: (data: DraftData) => DraftData): void;
  /** Saves now, asking to open `reach`; answers what the server granted. */
  flush(reach?: number): Promise<SaveAnswer["data"]>;
}

const WizardContext = createContext<WizardValue | null>(null);

export function useWizard(): WizardValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error("useWizard outside WizardProvider");
  return value;
}

const SAVE_DEBOUNCE_MS = 600;
const SAVE_MAX_WAIT_MS = 1800;
const backupName = (draftId: string) => `onboard:${draftId}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function WizardProvider(props: {
  draftId: string;
  initial: DraftData;
  initialReached: number;
  updatedAt: string;
  taxonomy: readonly TaxonomyVertical[];
  children: ReactNode;
}) {
  const { draftId } = props;
  const [data, setData] = useState(props.initial);
  const [reached, setReached] = useState(props.initialReached);
  const [saveState, setSaveState] = useState<SaveState>("saved");
  const [saveError, setSaveError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(data);
  const reachRef = useRef(reached);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(false);
  const pendingSince = useRef(0);

  const save = useCallback(
    (reach: number): Promise<SaveAnswer["data"]> => {
      const run = async () => {
        const body = { data: latest.current, reached: reach };
        dirty.current = false;
        setSaveState("saving");
        const key = mintIdempotencyKey();
        for (let attempt = 1; ; attempt++) {
          try {
            const res = await apiFetch<SaveAnswer>(`/api/onboarding/drafts/${encodeURIComponent(draftId)}`, {
              method: "PUT",
              body,
              idempotencyKey: key,
              keepalive: true,
            });
            reachRef.current = res.data.data.reached;
            setReached(res.data.data.reached);
            if (!dirty.current) {
              setSaveState("saved");
              clearDraft(backupName(draftId));
            }
            setSaveError(null);
            return res.data.data;
          } catch (error) {
            if (error instanceof ApiError && error.status === 401) {
              const here = `${window.location.pathname}${window.location.search}`;
              window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
              throw error;
            }
            if (shouldRetry(error, attempt)) {
              await sleep(retryDelayMs(error, attempt));
              continue;
            }
            dirty.current = true;
            setSaveState("error");
            setSaveError(error instanceof Error ? error.message : "The draft could not be saved.");
            throw error;
          }
        }
      };
      const next = chain.current.then(run, run);
      chain.current = next.catch(() => undefined);
      return next;
    },
    [draftId],
  );

  // A newer copy kept in this tab (a reload before the last save went through) wins over the server's.
  useEffect(() => {
    const local = loadDraft<DraftData>(backupName(draftId));
    if (local && local.savedAt > props.updatedAt) {
      latest.current = local.values;
      setData(local.values);
      setGeneration((g) => g + 1);
      dirty.current = true;
      setSaveState("unsaved");
      void save(reachRef.current).catch(() => undefined);
    }
  }, [draftId, props.updatedAt, save]);

  const update = useCallback(
    (change: (d: DraftData) => DraftData) => {
      const next = change(latest.current);
      latest.current = next;
      setData(next);
      dirty.current = true;
      setSaveState("unsaved");
      saveDraft(backupName(draftId), next);
      // Debounced, but never later than SAVE_MAX_WAIT_MS after the first unsaved change (steady typing still saves).
      const now = Date.now();
      if (timer.current && now - pendingSince.current >= SAVE_MAX_WAIT_MS - SAVE_DEBOUNCE_MS) return;
      if (timer.current) clearTimeout(timer.current);
      else pendingSince.current = now;
      timer.current = setTimeout(() => {
        timer.current = null;
        void save(reachRef.current).catch(() => undefined);
      }, SAVE_DEBOUNCE_MS);
    },
    [draftId, save],
  );

  const flush = useCallback(
    (reach?: number) => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      return save(Math.max(reach ?? reachRef.current, reachRef.current));
    },
    [save],
  );

  // Leaving the page with a save pending: send it now (keepalive lets it outlive the tab).
  useEffect(() => {
    const onHide = () => {
      if (timer.current) void flush().catch(() => undefined);
    };
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
  }, [flush]);

  const value = useMemo<WizardValue>(
    () => ({ draftId, data, reached, taxonomy: props.taxonomy, saveState, saveError, generation, update, flush }),
    [draftId, data, reached, props.taxonomy, saveState, saveError, generation, update, flush],
  );
  return <WizardContext.Provider value={value}>{props.children}</WizardContext.Provider>;
}
