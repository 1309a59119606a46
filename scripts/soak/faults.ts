/**
 * (1) Faults: the sandbox cuts 20% of write answers after commit, fails 10% of
 * requests with 500 before any work and adds 50–300 ms of latency, while N
 * merchants are onboarded and then get new controls and a new theme. The
 * sandbox's state is then compared with what was asked.
 */
import { randomUUID } from "node:crypto";
import { intent, type Session } from "./http";
import { onboard, pool } from "./onboard";
import { sandboxAdmin } from "./procs";

const BLOCKS = [
  [1500, 1610],
  [1504, 1623],
];

export const intendedControls = (i: number) => ({
  name: `Soak controls ${i}`,
  blockedVerticals: [
    { partnerVerticalId: BLOCKS[i % 2]![0]!, partnerSubVerticalId: BLOCKS[i % 2]![1]!, policy: "Block" },
  ],
});
export const intendedColor = (i: number) => `#${(0x100000 + i * 977).toString(16).slice(-6).toUpperCase()}`;

/** Varies the sandbox latency between 50 and 300 ms while the phase runs (the sandbox takes one value). */
export function jitterLatency(sandbox: string): () => void {
  const timer = setInterval(() => {
    sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 50 + Math.floor(Math.random() * 250) }).catch(
      () => {},
    );
  }, 400);
  return () => clearInterval(timer);
}

export async function faultsPhase(s: Session, sandbox: string, n: number, concurrency: number) {
  const accountsOf = async () =>
    new Set(
      (await sandboxAdmin<string>(sandbox, "GET", "/_sandbox/export/layouts.csv"))
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[0])
        .filter(Boolean),
    );
  const before = await accountsOf();
  await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { error_rate: 0.1, drop_after_commit_rate: 0.2 });
  const stop = jitterLatency(sandbox);
  const started = Date.now();
  const tag = randomUUID().slice(0, 6);
  const runs = await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    (i) => onboard(s, `soak-${tag}-${i}`),
  );
  const onboardMs = Date.now() - started;
  const changes = await pool(runs, concurrency, async (r, i) => {
    if (!r.accountId) return { controls: 0, theme: 0, tries: 0 };
    const controls = await intent(s, "PUT", `/api/merchants/${r.accountId}/controls`, intendedControls(i));
    const knowledge = await intent(s, "GET", `/api/merchants/${r.accountId}/knowledge`);
    const layoutId = knowledge.body?.data?.pages?.[0]?.layoutId as string | undefined;
    const theme = layoutId
      ? await intent(s, "PATCH", `/api/merchants/${r.accountId}/layouts/${layoutId}`, {
          primaryColor: intendedColor(i),
        })
      : { status: 0, tries: 0 };
    if (controls.status !== 200)
      console.error("controls", controls.status, JSON.stringify(controls.body).slice(0, 300));
    return { controls: controls.status, theme: theme.status, tries: controls.tries + theme.tries };
  });
  stop();
  await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { error_rate: 0, drop_after_commit_rate: 0, latency_ms: 0 });

  // Compare the sandbox's state with what was asked.
  const after = await accountsOf();
  const added = [...after].filter((a) => !before.has(a));
  const problems: string[] = [];
  const externals = new Map<string, number>();
  for (const [i, r] of runs.entries()) {
    if (r.state !== "done" || !r.accountId) {
      problems.push(`${r.external}: run ${r.state}`);
      continue;
    }
    // biome-ignore lint/suspicious/noExplicitAny: the sandbox's state, read field by field.
    const st = await sandboxAdmin<any>(sandbox, "GET", `/_sandbox/accounts/${r.accountId}`);
    externals.set(st.account.external_account_id, (externals.get(st.account.external_account_id) ?? 0) + 1);
    const want = intendedControls(i);
    const psv = want.blockedVerticals[0]?.partnerSubVerticalId;
    const controls = st.controls as { name: string; translatedVerticals: { partner_sub_vertical_id: number }[] };
    if (controls.name !== want.name || !controls.translatedVerticals.some((v) => v.partner_sub_vertical_id === psv))
      problems.push(`${r.accountId}: controls ${JSON.stringify(controls).slice(0, 200)}`);
    const themes = (st.pages as { layouts: { theme: { primaryColor?: string } }[] }[]).flatMap((p) =>
      p.layouts.map((l) => l.theme?.primaryColor?.toUpperCase()),
    );
    if (!themes.includes(intendedColor(i))) problems.push(`${r.accountId}: theme ${JSON.stringify(themes)}`);
    if (st.account.status !== "active") problems.push(`${r.accountId}: status ${st.account.status}`);
  }
  const duplicates = [...externals.values()].filter((c) => c > 1).length;
  return {
    asked: n,
    onboarded: runs.filter((r) => r.state === "done").length,
    newAccountsInSandbox: added.length,
    duplicates,
    stepRetries: runs.reduce((a, r) => a + r.retries, 0),
    controlsOk: changes.filter((c) => c.controls === 200).length,
    themesOk: changes.filter((c) => c.theme === 200).length,
    writeTries: changes.reduce((a, c) => a + c.tries, 0),
    onboardSeconds: Math.round(onboardMs / 1000),
    problems,
    accountIds: runs.map((r) => r.accountId).filter((a): a is string => Boolean(a)),
  };
}
