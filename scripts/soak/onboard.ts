/**
 * Onboarding through the wizard's routes, as the browser does it: create a
 * draft, save it (every step filled), start go-live, poll the run, and retry a
 * failed step with its recorded key ("Retry").
 */
import { call, intent, type Session } from "./http";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function draftFor(external: string) {
  return {
    merchant: {
      brand: `Soak ${external}`,
      external_account_id: external,
      store_identifier: `https://${external}.soak.example.com`,
      country_code: "US",
      vertical_id: "1500",
      sub_vertical_id: "1610",
    },
    surfaces: { pages: [{ surface: "tracking", layout_type: "Embedded" }] },
    controls: { blocked: [], domainsText: "" },
    themes: {},
    payoutLink: false,
  };
}

export interface Onboarded {
  external: string;
  draftId: string;
  accountId: string | null;
  state: string;
  retries: number;
}

/** Creates and saves the draft; returns its id. */
export async function prepareDraft(s: Session | Session[], external: string): Promise<string> {
  const created = await intent(s, "POST", "/api/onboarding/drafts");
  if (created.status !== 201) throw new Error(`draft not created: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.data.id as string;
  const saved = await intent(s, "PUT", `/api/onboarding/drafts/${id}`, { data: draftFor(external), reached: 5 });
  if (saved.status !== 200) throw new Error(`draft not saved: ${saved.status} ${JSON.stringify(saved.body)}`);
  return id;
}

export async function startRun(s: Session | Session[], draftId: string) {
  return intent(s, "POST", `/api/onboarding/drafts/${draftId}/run`, { payoutLink: false });
}

/** Polls the run until done; a failed step that may be retried is retried with its recorded key. */
export async function finishRun(s: Session | Session[], draftId: string, external: string, deadlineMs = 180_000) {
  const list = Array.isArray(s) ? s : [s];
  const end = Date.now() + deadlineMs;
  let retries = 0;
  for (let i = 0; ; i++) {
    let run: {
      state: string;
      accountId?: string;
      steps: { name: string; state: string; error?: { final?: boolean } }[];
    } | null = null;
    try {
      const res = await call(list[i % list.length] as Session, "GET", `/api/onboarding/drafts/${draftId}/run`);
      if (res.status === 200) run = res.body.data;
    } catch {
      // a console restarting
    }
    if (run?.state === "done" || Date.now() > end) {
      return {
        external,
        draftId,
        accountId: run?.accountId ?? null,
        state: run?.state ?? "unknown",
        retries,
      } satisfies Onboarded;
    }
    if (run?.state === "failed") {
      const failed = run.steps.find((st) => st.state === "failed");
      if (failed) {
        retries++;
        await intent(list, "POST", `/api/onboarding/drafts/${draftId}/run/retry`, { step: failed.name, mode: "same" });
      }
    }
    await sleep(300);
  }
}

export async function onboard(s: Session | Session[], external: string): Promise<Onboarded> {
  const draftId = await prepareDraft(s, external);
  await startRun(s, draftId);
  return finishRun(s, draftId, external);
}

/** Runs `work` over `items` with at most `n` at a time. */
export async function pool<T, R>(items: T[], n: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i] as T, i);
      }
    }),
  );
  return out;
}
