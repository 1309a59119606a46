import { randomBytes } from "node:crypto";
import { PLATFORMS } from "./demo-platform";
import { ApiError, readBody } from "./http";
import { prep, type SandboxState } from "./state";

export const TOKEN_TTL_S = 300;

function oauthError(status: 400 | 401, error: string, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...extra },
  });
}

function parseBasic(value: string): { id: string; secret: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value);
  if (!m) return null;
  const decoded = Buffer.from(m[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return null;
  }
}

/** POST /api/v1/oauth/token (SPEC §1): OAuth2 client credentials, form fields or HTTP Basic. */
export async function tokenEndpoint(s: SandboxState, req: Request): Promise<Response> {
  const ct = req.headers.get("content-type");
  const raw = await readBody(req);
  if (ct === null || !/^\s*application\/x-www-form-urlencoded\s*(;.*)?$/i.test(ct) || raw.tooLarge) {
    return oauthError(400, "invalid_request");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw.bytes);
  } catch {
    return oauthError(400, "invalid_request");
  }
  const form = new URLSearchParams(text);
  const fields = new Map<string, string>();
  for (const [k, v] of form) {
    if (fields.has(k)) return oauthError(400, "invalid_request");
    fields.set(k, v);
  }
  const authz = req.headers.get("authorization");
  let id = fields.get("client_id");
  let secret = fields.get("client_secret");
  // Only Basic carries client credentials here; another scheme (a stale Bearer) is ignored.
  if (authz !== null && /^\s*basic\b/i.test(authz)) {
    const basic = parseBasic(authz);
    if (!basic || id !== undefined || secret !== undefined) return oauthError(400, "invalid_request");
    id = basic.id;
    secret = basic.secret;
  }
  const grant = fields.get("grant_type");
  if (!grant || !id || !secret) return oauthError(400, "invalid_request");
  if (grant !== "client_credentials") return oauthError(400, "unsupported_grant_type");
  const platform = PLATFORMS.find((p) => p.clientId === id && p.clientSecret === secret);
  if (!platform) return oauthError(401, "invalid_client", { "WWW-Authenticate": 'Basic realm="rokt"' });

  const token = randomBytes(32).toString("base64url");
  const now = s.now();
  prep(s, "INSERT INTO tokens (token, parent_id, expires_at) VALUES (?, ?, ?)").run(
    token,
    platform.parentAccountId,
    now + TOKEN_TTL_S * 1000,
  );
  if (Math.random() < 0.01) prep(s, "DELETE FROM tokens WHERE expires_at < ?").run(now);
  return new Response(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: TOKEN_TTL_S }), {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

const unauthorized = (message: string) => new ApiError(401, message, { "WWW-Authenticate": 'Bearer realm="rokt"' });

/** The manager (parent account id) behind a valid bearer token, or 401. */
export function authenticate(s: SandboxState, req: Request): string {
  const value = req.headers.get("authorization");
  if (value === null || value.trim() === "") throw unauthorized("Authorization header is required");
  const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(value.trim());
  if (!m) throw unauthorized("Authorization must be a Bearer token");
  const row = prep(s, "SELECT parent_id, expires_at FROM tokens WHERE token = ?").get(m[1]) as
    | { parent_id: string; expires_at: number }
    | undefined;
  if (!row) throw unauthorized("access token is not valid");
  if (row.expires_at <= s.now()) throw unauthorized("access token has expired");
  return row.parent_id;
}
