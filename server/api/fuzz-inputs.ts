/**
 * Hostile inputs for the route fuzzer (fuzz.test.ts): strings, JSON bodies,
 * query strings and headers that a careless or malicious client might send.
 */
import fc from "fast-check";

const NASTY = [
  "",
  " ",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2f",
  "....//....//",
  "%00",
  "\u0000",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "1234567890123456/../../admin",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "$" + "{jndi:ldap://x}",
  "\u202egnp.exe",
  "\u200b\u200d\ufeff",
  "😀👨‍👩‍👧",
  "Ω≈ç√∫",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "null",
  "true",
  "[]",
  "{}",
];

/** Strings for ids, query values and JSON leaves: known-bad classics, unicode, and very long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }).map((d) => String(d).repeat(16)) },
  { weight: 1, arbitrary: fc.constantFrom(2_000, 70_000).map((n) => "a".repeat(n)) },
);

const hostileKey = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf", "then"),
  fc.string({ maxLength: 12 }),
);

const leaf = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308),
);

/** JSON text that JSON.parse accepts, so the body reaches schema validation. */
const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(hostileKey, fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 6 })
    .map((o) => JSON.stringify(o)),
  fc.constant('{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'),
  fc.constant('{"status":"active","__proto__":{"status":"paused"}}'),
  fc.integer({ min: 50, max: 3_000 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
  fc.integer({ min: 50, max: 20_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
  fc.constant(JSON.stringify({ text: "x".repeat(300 * 1024) })),
  fc.array(leaf, { maxLength: 5 }).map((a) => JSON.stringify(a)),
);

export type BodyInput = { text: string; contentType: string | null } | undefined;

export const hostileBody: fc.Arbitrary<BodyInput> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc.record({
      text: hostileJson,
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constant("application/json") },
        {
          weight: 1,
          arbitrary: fc.constantFrom("text/plain", "text/csv", "application/json; charset=utf-16", "x/y", null),
        },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      text: fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("{", '{"a":', "\u0000", "a,b\n1")),
      contentType: fc.constantFrom("application/json", "text/csv", "text/plain"),
    }),
  },
);

export const hostileQuery: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(
    fc.oneof(
      hostileKey,
      fc.constantFrom("limit", "cursor", "dry_run", "merchantId", "status", "q", "sort", "action", "userEmail"),
    ),
    fc.oneof(hostileString, fc.constantFrom("true", "false", "0", "201", "-5", "1.5")),
  ),
  { maxLength: 4 },
);

/** Idempotency-Key: undefined = a fresh valid key, null = none, else sent as is (ASCII only: a header is bytes). */
export const hostileKeyHeader: fc.Arbitrary<string | null | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constantFrom("00000000-0000-0000-0000-000000000000", '"not-a-uuid"', "x".repeat(500), "../../"),
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
    ),
  },
);

/** Headers an attacker controls that the console reads or must ignore. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    "X-Forwarded-For": fc.constantFrom("127.0.0.1", "::1, 10.0.0.1", "' OR 1=1"),
    "X-Forwarded-Host": fc.constantFrom("evil.test", "console.test:80@evil.test"),
    "X-HTTP-Method-Override": fc.constantFrom("DELETE", "PUT"),
    Accept: fc.constantFrom("text/html", "*/*", "application/xml"),
    "Content-Length": fc.constantFrom("0", "-1", "99999999999"),
  },
  { requiredKeys: [] },
);
