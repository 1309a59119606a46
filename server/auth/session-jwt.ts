import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from "node:crypto";
import { type JWT, type JWTDecodeParams, type JWTEncodeParams, decode as libraryDecode } from "next-auth/jwt";

/**
 * The session cookie's JWT, encoded and decoded exactly as Auth.js does it
 * (`@auth/core/jwt`: JWE compact, `alg: dir`, `enc: A256CBC-HS512`, the key
 * derived with HKDF-SHA256 from the secret and the cookie name, `kid` = the
 * key's RFC 7638 thumbprint, 15 s clock tolerance) — tokens are interchangeable
 * with Auth.js' own in both directions (session-jwt.test.ts) — but with the
 * derived key and its thumbprint computed once per secret, and the cipher and
 * MAC run synchronously through node:crypto. Auth.js' version goes through
 * WebCrypto and HKDF on every call, which made the session cookie the largest
 * cost of every console request (about 0.4–1 ms per decode or encode, and each
 * request both decodes and re-issues the cookie). Any token of another shape
 * (another `enc`, extra header parameters) is left to Auth.js' decode.
 */

const ALG = "dir";
const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
const CLOCK_TOLERANCE_S = 15;
const ALLOWED_HEADER = new Set(["alg", "enc", "kid"]);

interface DerivedKey {
  macKey: Buffer;
  encKey: Buffer;
  kid: string;
  /** The protected header every token of this key carries (base64url), and its bytes (the AAD). */
  header: string;
  aad: Buffer;
}

// Secrets × salts: a handful at most (a rotation list and one or two cookie names).
const derived = new Map<string, DerivedKey>();

function derivedKey(secret: string, salt: string): DerivedKey {
  const id = `${salt}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    const bytes = Buffer.from(hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    // RFC 7638 thumbprint of the symmetric JWK, SHA-512 as Auth.js computes it for a 64-byte key.
    const kid = createHash("sha512")
      .update(JSON.stringify({ k: bytes.toString("base64url"), kty: "oct" }))
      .digest("base64url");
    const header = Buffer.from(JSON.stringify({ alg: ALG, enc: ENC, kid })).toString("base64url");
    key = { macKey: bytes.subarray(0, 32), encKey: bytes.subarray(32), kid, header, aad: Buffer.from(header, "ascii") };
    if (derived.size > 32) derived.clear();
    derived.set(id, key);
  }
  return key;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

/** RFC 7518 §5.2.2.1: the first half of HMAC-SHA-512 over AAD ‖ IV ‖ ciphertext ‖ AAD length in bits. */
function tagOf(macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const al = Buffer.alloc(8);
  al.writeUInt32BE(Math.floor((aad.length * 8) / 2 ** 32), 0);
  al.writeUInt32BE((aad.length * 8) >>> 0, 4);
  return createHmac("sha512", macKey).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, 32);
}

export async function encodeSessionToken<Payload = JWT>(params: JWTEncodeParams<Payload>): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt } = params;
  const [first] = secretsOf(secret);
  if (!first) throw new Error("no secret to encode the session with");
  const key = derivedKey(first, salt);
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...(token as Record<string, unknown>), iat: now, exp: now + maxAge, jti: randomUUID() };
  const { header, aad } = key;
  const iv = nextIv();
  const cipher = createCipheriv("aes-256-cbc", key.encKey, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), "utf8"), cipher.final()]);
  const tag = tagOf(key.macKey, aad, iv, ciphertext);
  return `${header}..${iv.toString("base64url")}.${ciphertext.toString("base64url")}.${tag.toString("base64url")}`;
}

// IVs come from a pool filled 256 at a time: one randomBytes(16) per request was a visible share of
// a request's CPU. Each IV is copied out and its bytes are never handed out twice.
const IV_POOL_SIZE = 16 * 256;
let ivPool = Buffer.alloc(0);
let ivOffset = IV_POOL_SIZE;

function nextIv(): Buffer {
  if (ivOffset >= ivPool.length) {
    ivPool = randomBytes(IV_POOL_SIZE);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + 16));
  ivOffset += 16;
  return iv;
}

// Protected headers seen, parsed once: every token of one key carries the same header.
const headers = new Map<string, Readonly<Record<string, unknown>>>();

/** The header as JSON.parse reads it (any value), or undefined when it is not JSON at all. */
function parseHeader(header: string): unknown {
  const known = headers.get(header);
  if (known) return known;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  // Only headers of the shape this file decodes are kept; anything else is parsed every time.
  const h = parsed as Record<string, unknown> | null;
  if (h && typeof h === "object" && h.alg === ALG && h.enc === ENC) {
    if (headers.size > 32) headers.clear();
    headers.set(header, Object.freeze(h));
  }
  return parsed;
}

function invalid(message: string): never {
  throw new Error(`invalid session token: ${message}`);
}

function numericDate(claims: Record<string, unknown>, name: string): number | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== "number") invalid(`"${name}" claim must be a number`);
  return value;
}

export async function decodeSessionToken<Payload = JWT>(params: JWTDecodeParams): Promise<Payload | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 5) return libraryDecode<Payload>(params);
  const [header, encryptedKey, ivPart, ciphertextPart, tagPart] = parts as [string, string, string, string, string];
  const protectedHeader = parseHeader(header) as Record<string, unknown> | null | undefined;
  if (protectedHeader === undefined) return invalid("unreadable header");
  if (
    protectedHeader === null ||
    typeof protectedHeader !== "object" ||
    protectedHeader.alg !== ALG ||
    protectedHeader.enc !== ENC ||
    encryptedKey !== "" ||
    Object.keys(protectedHeader).some((k) => !ALLOWED_HEADER.has(k))
  ) {
    // Not the shape Auth.js issues today: its own decode decides (and rejects what it must).
    return libraryDecode<Payload>(params);
  }
  const kid = protectedHeader.kid;
  if (kid !== undefined && typeof kid !== "string") invalid("bad kid");
  const secrets = secretsOf(secret);
  let key: DerivedKey | undefined;
  for (const s of secrets) {
    const candidate = derivedKey(s, salt);
    if (kid === undefined || candidate.kid === kid) {
      key = candidate;
      break;
    }
  }
  if (!key) throw new Error("no matching decryption secret");
  const iv = Buffer.from(ivPart, "base64url");
  const ciphertext = Buffer.from(ciphertextPart, "base64url");
  const tag = Buffer.from(tagPart, "base64url");
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    invalid("malformed");
  }
  if (!timingSafeEqual(tag, tagOf(key.macKey, Buffer.from(header, "ascii"), iv, ciphertext))) {
    invalid("decryption failed");
  }
  let plaintext: string;
  try {
    const decipher = createDecipheriv("aes-256-cbc", key.encKey, iv);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    return invalid("decryption failed");
  }
  let claims: unknown;
  try {
    claims = JSON.parse(plaintext);
  } catch {
    return invalid("claims are not JSON");
  }
  if (claims === null || typeof claims !== "object" || Array.isArray(claims)) invalid("claims are not an object");
  const set = claims as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  numericDate(set, "iat");
  const nbf = numericDate(set, "nbf");
  if (nbf !== undefined && nbf > now + CLOCK_TOLERANCE_S) invalid('"nbf" claim timestamp check failed');
  const exp = numericDate(set, "exp");
  if (exp !== undefined && exp <= now - CLOCK_TOLERANCE_S) invalid('"exp" claim timestamp check failed');
  return set as Payload;
}
