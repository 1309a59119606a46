/** What the suite knows from SPEC.md alone: platforms, paths, formats, defaults, error codes. */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARENT_ACCOUNT_ID } from "../demo-platform";

export const BASE = "http://sandbox.test";
export const ADMIN_TOKEN = "test-admin-token";
export const DEMO = { clientId: DEMO_CLIENT_ID, secret: DEMO_CLIENT_SECRET, parent: DEMO_PARENT_ACCOUNT_ID };
export const OTHER = { clientId: "rspub_other", secret: "rsec_other", parent: "1000000000000002" };
export type Platform = typeof DEMO;

/** Fixed start of the injected clock, so timestamps and windows are exact. */
export const T0 = Date.parse("2026-11-29T00:00:00.000Z");
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const OP_RE = /^op_[a-z0-9]{26}$/;
export const TS_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const ACCOUNT_RE = /^[1-9]\d{15}$/;
/** §5.8's default theme, written out here so the suite does not trust the contract module it checks. */
export const DEFAULT_THEME = {
  primaryColor: "#4F46E5",
  backgroundColor: "#FFFFFF",
  textColor: "#111827",
  borderRadius: 8,
  closeButtonColor: "#6B7280",
};

export const STATUS_PATH = (id: string) => `/v1/partnership/accounts/${id}/status`;
export const MCL_PATH = (id: string) => `/v1/partnership/accounts/${id}/marketplacecontrolslists`;
export const PAGES_PATH = (id: string) => `/v1/partnership/accounts/${id}/pages`;
export const LAYOUT_PATH = (id: string, layoutId: string) => `/v1/partnership/accounts/${id}/layouts/${layoutId}`;
export const PAYOUT_PATH = (id: string) => `/v1/partnership/accounts/${id}/payout-setup`;
export const DELETION_PATH = (id: string) => `/v1/partnership/accounts/${id}/data-deletion-requests`;
export const REGISTER_PATH = "/v1/accounts/register/partnership";
export const OPERATION_PATH = (id: string) => `/v1/partnership/operations/${id}`;
export const PRIVACY_PATH = (parent: string) => `/v1/partnership/network-privacy-requests?parent_account_id=${parent}`;

export const ERROR_CODE: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "ValidationFailed",
  429: "RateLimitExceeded",
  500: "InternalServerError",
};

let regCounter = 0;
/** A valid register body for the demo platform, unique per call. */
export function regBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  regCounter += 1;
  const n = `${process.pid}-${regCounter}-${randomUUID().slice(0, 8)}`;
  return {
    brand: `Brand ${n}`,
    vertical_id: 1500,
    sub_vertical_id: 1610,
    country_code: "US",
    platform_parent_account_id: DEMO.parent,
    store_identifier: `https://shop-${n}.example.com`,
    external_account_id: `ext-${n}`,
    pages: [{ surface: "confirmation", layout_type: "Overlay" }],
    ...over,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field by the tests.
export type Json = any;
export interface Res {
  status: number;
  headers: Headers;
  text: string;
  body: Json;
}

/** Asserts the §2 envelope: exact keys, status mirrored, code by status, request id = header (unless replayed). */
export function expectEnvelope(res: Res, status: number, message?: string | RegExp): void {
  expect(res.status, res.text).toBe(status);
  expect(Object.keys(res.body ?? {}).sort(), res.text).toEqual(["data", "error", "message", "request_id", "status"]);
  expect(res.body.status).toBe(status);
  const code = ERROR_CODE[status];
  if (status < 300) {
    expect(res.body.error).toBeNull();
    expect(res.body.message).toBe("ok");
  } else {
    expect(res.body.error).toBe(code);
    expect(res.body.data).toBeNull();
    expect(typeof res.body.message).toBe("string");
  }
  expect(res.body.request_id).toMatch(UUID_RE);
  if (res.headers.get("idempotent-replayed") !== "true") {
    expect(res.headers.get("x-request-id")).toBe(res.body.request_id);
  }
  if (typeof message === "string") expect(res.body.message).toBe(message);
  else if (message) expect(res.body.message).toMatch(message);
}
