/**
 * (2) Crashes: SIGKILL the console in the middle of go-live runs and of single
 * writes of every kind, start it again on the same data, retry with the same
 * keys. Everything must finish once, and no retried intent may wait long.
 */
import { randomUUID } from "node:crypto";
import { call, intent, type Session, signIn } from "./http";
import { finishRun, pool, prepareDraft, startRun } from "./onboard";
import { type Proc, sandboxAdmin } from "./procs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Restartable {
  proc: Proc;
  restart(): Promise<Proc>;
}

async function externalCount(sandbox: string, accountIds: string[], external: string): Promise<number> {
  let n = 0;
  for (const id of accountIds) {
    // biome-ignore lint/suspicious/noExplicitAny: sandbox state
    const st = await sandboxAdmin<any>(sandbox, "GET", `/_sandbox/accounts/${id}`).catch(() => null);
    if (st?.account?.external_account_id === external) n++;
  }
  return n;
}

const allAccounts = async (sandbox: string) => [
  ...new Set(
    (await sandboxAdmin<string>(sandbox, "GET", "/_sandbox/export/layouts.csv"))
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0] as string)
      .filter(Boolean),
  ),
];

/** Kill mid go-live: runs resume after the restart and finish, each merchant once. */
export async function crashGoLive(c: Restartable, sandbox: string, email: string, runs: number) {
  let s = await signIn(c.proc.url, email);
  const tag = randomUUID().slice(0, 6);
  const externals = Array.from({ length: runs }, (_, i) => `crash-${tag}-${i}`);
  const drafts = await pool(externals, 5, (e) => prepareDraft(s, e));
  await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 400 });
  await Promise.all(
    drafts.map((d) => call(s, "POST", `/api/onboarding/drafts/${d}/run`, { payoutLink: false }, randomUUID())),
  );
  await sleep(1500);
  await c.proc.kill("SIGKILL");
  const restartedAt = Date.now();
  await c.restart();
  s = await signIn(c.proc.url, email);
  const done = await pool(drafts, 5, async (d, i) => {
    // The browser polls, and starts again if asked: the same run, never a second one.
    await startRun(s, d);
    const r = await finishRun(s, d, externals[i] as string, 120_000);
    return { ...r, secondsAfterRestart: Math.round((Date.now() - restartedAt) / 100) / 10 };
  });
  await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 0 });
  const accounts = await allAccounts(sandbox);
  const dupes = [];
  for (const e of externals) if ((await externalCount(sandbox, accounts, e)) !== 1) dupes.push(e);
  return {
    runs,
    finished: done.filter((r) => r.state === "done").length,
    notExactlyOnce: dupes,
    slowestSecondsAfterRestart: Math.max(...done.map((r) => r.secondsAfterRestart)),
  };
}

/** Kill mid single writes of every kind; retry each with its key after the restart. */
export async function crashWrites(c: Restartable, sandbox: string, email: string, accountId: string) {
  let s: Session = await signIn(c.proc.url, email);
  const tag = randomUUID().slice(0, 6);
  const knowledge = await call(s, "GET", `/api/merchants/${accountId}/knowledge`);
  const layoutId = knowledge.body?.data?.pages?.[0]?.layoutId as string;
  const privacyBefore = (await sandboxAdmin<{ requests: unknown[] }>(sandbox, "GET", "/_sandbox/privacy-requests"))
    .requests.length;
  const registerExternal = `crashreg-${tag}`;
  const writes: [string, string, string, unknown][] = [
    ["controls", "PUT", `/api/merchants/${accountId}/controls`, { name: `Crash ${tag}` }],
    ["status", "PUT", `/api/merchants/${accountId}/status`, { status: "paused" }],
    ["theme", "PATCH", `/api/merchants/${accountId}/layouts/${layoutId}`, { borderRadius: 7 }],
    ["pages", "POST", `/api/merchants/${accountId}/pages`, { pages: [{ surface: "returns", layout_type: "Overlay" }] }],
    [
      "register",
      "POST",
      "/api/merchants",
      {
        brand: "Crash Register",
        vertical_id: 1500,
        sub_vertical_id: 1610,
        country_code: "US",
        store_identifier: `https://${registerExternal}.example.com`,
        external_account_id: registerExternal,
        pages: [{ surface: "confirmation", layout_type: "Overlay" }],
      },
    ],
    [
      "privacy",
      "POST",
      "/api/privacy-requests",
      { requestType: "NETWORK_OPT_OUT", email: `crash-${tag}@soak.example.com` },
    ],
  ];
  const keys = writes.map(() => randomUUID());
  // Slow enough that every write is in flight upstream when the console dies.
  await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 3000 });
  const inFlight = writes.map(([, m, p, b], i) => call(s, m, p, b, keys[i]).catch(() => null));
  await sleep(1200);
  await c.proc.kill("SIGKILL");
  await Promise.all(inFlight);
  await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 0 });
  await c.restart();
  s = await signIn(c.proc.url, email);
  const retried = await Promise.all(
    writes.map(async ([name, m, p, b], i) => {
      const r = await intent(s, m, p, b, { key: keys[i], deadlineMs: 90_000 });
      return { name, status: r.status, code: r.body?.error?.code ?? null, tries: r.tries, waitedSeconds: r.ms / 1000 };
    }),
  );
  const state = JSON.stringify(await sandboxAdmin(sandbox, "GET", `/_sandbox/accounts/${accountId}`));
  const privacyAfter = (await sandboxAdmin<{ requests: unknown[] }>(sandbox, "GET", "/_sandbox/privacy-requests"))
    .requests.length;
  return {
    retried,
    returnsPages: (state.match(/"surface":"returns"/g) ?? []).length,
    registered: await externalCount(sandbox, await allAccounts(sandbox), registerExternal),
    privacyFiledUpstream: privacyAfter - privacyBefore,
    slowestRetrySeconds: Math.max(...retried.map((r) => r.waitedSeconds)),
  };
}
