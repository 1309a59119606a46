/**
 * (4) Two consoles on different ports sharing one PostgreSQL schema and one
 * sandbox: one intent sent to both at once is one upstream write; a go-live
 * run started and polled on both is run once; killing one mid-write lets the
 * other finish the user's retry.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { call, intent, signIn } from "./http";
import { finishRun, prepareDraft } from "./onboard";
import { sandboxAdmin, startConsole } from "./procs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PG = process.env.SOAK_PG_URL ?? "postgres://root@127.0.0.1:5432/test";
const SCHEMA = process.env.SOAK_PG_SCHEMA ?? "reliab_soak";
/** The console's default per-user write limit, shared through the database. */
const LIMIT = 60;

async function dropSchema() {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await client.end();
}

const privacyCount = async (sandbox: string) =>
  (await sandboxAdmin<{ requests: unknown[] }>(sandbox, "GET", "/_sandbox/privacy-requests")).requests.length;

export async function instancesPhase(sandbox: string, dir: string, ports = [3521, 3522]) {
  await dropSchema();
  const databaseUrl = `${PG}?schema=${SCHEMA}`;
  // One data folder: the generated session secret is shared, so either instance reads the other's cookie.
  const start = (port: number) =>
    startConsole({ port, dataDir: `${dir}/pg-console`, sandboxUrl: sandbox, databaseUrl, writeLimitPerMinute: LIMIT });
  const a = await start(ports[0] as number);
  const b = await start(ports[1] as number);
  try {
    const sa = await signIn(a.url, "admin@demo.test");
    const sb = { ...sa, base: b.url };
    const out: Record<string, unknown> = {};

    // The same network privacy intent (no upstream key: only the console's intent stops a double filing).
    await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 500 });
    const before = await privacyCount(sandbox);
    const key = randomUUID();
    const body = { requestType: "NETWORK_OPT_OUT", email: `twin-${key.slice(0, 6)}@soak.example.com` };
    const both = await Promise.all([sa, sb].map((s) => call(s, "POST", "/api/privacy-requests", body, key)));
    const settled = await intent([sa, sb], "POST", "/api/privacy-requests", body, { key });
    out.sameIntentOnBoth = {
      answers: both.map((x) => x.status),
      settled: settled.status,
      filedUpstream: (await privacyCount(sandbox)) - before,
    };

    // A go-live run started on both and polled on both: one drive, one merchant.
    const external = `twin-${key.slice(0, 6)}`;
    const draft = await prepareDraft(sa, external);
    const runKey = randomUUID();
    await Promise.all(
      [sa, sb].map((s) => call(s, "POST", `/api/onboarding/drafts/${draft}/run`, { payoutLink: false }, runKey)),
    );
    const run = await finishRun([sa, sb], draft, external, 120_000);
    const csv = await sandboxAdmin<string>(sandbox, "GET", "/_sandbox/export/layouts.csv");
    let accounts = 0;
    for (const id of new Set(
      csv
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[0] as string),
    )) {
      // biome-ignore lint/suspicious/noExplicitAny: sandbox state
      const st = await sandboxAdmin<any>(sandbox, "GET", `/_sandbox/accounts/${id}`).catch(() => null);
      if (st?.account?.external_account_id === external) accounts++;
    }
    out.goLiveOnBoth = { state: run.state, accountsForTheMerchant: accounts };

    // One user's write limit holds across both: LIMIT + 10 dry-run writes, alternating A and B, in a burst.
    const sm = await signIn(a.url, "manager@demo.test");
    const smb = { ...sm, base: b.url };
    // The limiter counts in fixed minute windows: keep the burst inside one.
    while (Date.now() % 60_000 > 45_000) await sleep(500);
    const burst = await Promise.all(
      Array.from({ length: LIMIT + 10 }, (_, i) =>
        call(
          i % 2 ? smb : sm,
          "PUT",
          `/api/merchants/${run.accountId}/status?dry_run=true`,
          { status: "paused" },
          randomUUID(),
        ),
      ),
    );
    out.writeLimitAcrossBoth = {
      limitPerMinute: LIMIT,
      sent: burst.length,
      accepted: burst.filter((x) => x.status !== 429).length,
      refused429: burst.filter((x) => x.status === 429).length,
      statuses: [...new Set(burst.map((x) => x.status))].sort(),
    };

    // Kill A mid-write; the user's retry goes to B with the same key.
    await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 3000 });
    const writeKey = randomUUID();
    const twinBody = { requestType: "NETWORK_OPT_OUT", email: `kill-${writeKey.slice(0, 6)}@soak.example.com` };
    const pagesBefore = await privacyCount(sandbox);
    const pending = call(sa, "POST", "/api/privacy-requests", twinBody, writeKey).catch(() => null);
    const account = run.accountId as string;
    const statusKey = randomUUID();
    const pendingStatus = call(sa, "PUT", `/api/merchants/${account}/status`, { status: "paused" }, statusKey).catch(
      () => null,
    );
    await sleep(1200);
    await a.kill("SIGKILL");
    await Promise.all([pending, pendingStatus]);
    await sandboxAdmin(sandbox, "POST", "/_sandbox/faults", { latency_ms: 0 });
    // Both retries at once, as two browser tabs would.
    const [retryPrivacy, retryStatus] = await Promise.all([
      intent(sb, "POST", "/api/privacy-requests", twinBody, { key: writeKey, deadlineMs: 90_000 }),
      intent(
        sb,
        "PUT",
        `/api/merchants/${account}/status`,
        { status: "paused" },
        { key: statusKey, deadlineMs: 90_000 },
      ),
    ]);
    // biome-ignore lint/suspicious/noExplicitAny: sandbox state
    const st = await sandboxAdmin<any>(sandbox, "GET", `/_sandbox/accounts/${account}`);
    out.killOneMidWrite = {
      privacy: {
        status: retryPrivacy.status,
        code: retryPrivacy.body?.error?.code ?? null,
        waitedSeconds: retryPrivacy.ms / 1000,
      },
      privacyFiledUpstream: (await privacyCount(sandbox)) - pagesBefore,
      status: { status: retryStatus.status, waitedSeconds: retryStatus.ms / 1000, upstream: st.account.status },
    };
    return out;
  } finally {
    await a.kill("SIGKILL");
    await b.kill("SIGKILL");
    await dropSchema();
  }
}
