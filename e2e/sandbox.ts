/**
 * The standalone sandbox the journeys run against (playwright.config.ts starts it):
 * its admin endpoints show what really reached the API, not only what a page shows.
 */
const ADMIN_TOKEN = process.env.SANDBOX_ADMIN_TOKEN ?? "sandbox-admin";

export function sandboxUrl(): string {
  const url = process.env.E2E_SANDBOX_URL;
  if (!url) throw new Error("E2E_SANDBOX_URL is not set: run the journeys through playwright.config.ts");
  return url;
}

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandboxUrl()}${path}`, {
    method,
    headers: {
      "X-Sandbox-Admin": ADMIN_TOKEN,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { data: T };
  if (!res.ok) throw new Error(`sandbox ${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json.data;
}

export interface SandboxAccountState {
  account_id: string;
  status: string;
  [key: string]: unknown;
}

/** The account's whole stored state (pages, layouts with themes, variants, controls, payout, deletion). */
export function sandboxAccount(accountId: string): Promise<SandboxAccountState> {
  return admin("GET", `/_sandbox/accounts/${accountId}`);
}

export function sandboxPrivacyRequests(): Promise<{ requests: Record<string, unknown>[] }> {
  return admin("GET", "/_sandbox/privacy-requests");
}

export function sandboxFaults(body: {
  latency_ms?: number;
  error_rate?: number;
  drop_after_commit_rate?: number;
  rate_limits?: boolean;
}): Promise<unknown> {
  return admin("POST", "/_sandbox/faults", body);
}

const DEMO_PARENT = "1000000000000001";

/** A bearer token of the demo platform, for calls straight to the sandbox API. */
async function demoToken(): Promise<string> {
  const res = await fetch(`${sandboxUrl()}/api/v1/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=rspub_demo&client_secret=rsec_demo",
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Starts a data deletion straight on the sandbox API (not through the console), so a journey has a deleting account. */
export async function sandboxStartDeletion(accountId: string, reason: string): Promise<void> {
  const res = await fetch(`${sandboxUrl()}/v1/partnership/accounts/${accountId}/data-deletion-requests`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${await demoToken()}`,
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
      "X-Platform-Parent-Account-Id": DEMO_PARENT,
    },
    body: JSON.stringify({ reason }),
  });
  if (res.status !== 202) throw new Error(`sandbox data deletion answered ${res.status}: ${await res.text()}`);
}

/** Lists the demo platform's accounts straight from the sandbox API (token and all), for picking test targets. */
export async function sandboxAccounts(): Promise<
  { account_id: string; brand: string; status: string; country_code: string }[]
> {
  const access_token = await demoToken();
  const out: { account_id: string; brand: string; status: string; country_code: string }[] = [];
  let cursor: string | null = null;
  do {
    const qs = new URLSearchParams({ parent_account_id: DEMO_PARENT, limit: "200" });
    if (cursor) qs.set("cursor", cursor);
    const res = await fetch(`${sandboxUrl()}/v1/partnership/accounts?${qs}`, {
      headers: { Authorization: `Bearer ${access_token}` },
    });
    const body = (await res.json()) as { data: { accounts: typeof out; next_cursor: string | null } };
    out.push(...body.data.accounts);
    cursor = body.data.next_cursor;
  } while (cursor);
  return out;
}
