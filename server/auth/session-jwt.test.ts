import { decode as libraryDecode, encode as libraryEncode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "./session-jwt";

const secret = "a-session-secret-of-enough-length-0123456789";
const salt = "authjs.session-token";
const claims = { sub: "u1", uid: "u1", role: "support", sv: 3, signedInAt: 1, lastSeenAt: 2, email: "a@b.test" };

/** Swaps one base64url character of a part of the compact token. */
function tamper(token: string, part: number): string {
  const parts = token.split(".");
  const p = parts[part] ?? "";
  const i = Math.floor(p.length / 2);
  parts[part] = `${p.slice(0, i)}${p[i] === "A" ? "B" : "A"}${p.slice(i + 1)}`;
  return parts.join(".");
}

describe("session JWT, the Auth.js format without WebCrypto", () => {
  it("round-trips, with iat, exp and jti set as Auth.js sets them", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt, maxAge: 3600 });
    const decoded = await decodeSessionToken({ token, secret, salt });
    expect(decoded).toMatchObject(claims);
    const now = Math.floor(Date.now() / 1000);
    expect(decoded?.exp).toBeGreaterThanOrEqual(now + 3599);
    expect(typeof decoded?.jti).toBe("string");
  });

  it("issues tokens that Auth.js' own decode reads", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt });
    expect(await libraryDecode({ token, secret, salt })).toMatchObject(claims);
  });

  it("reads tokens that Auth.js' own encode issued (cookies issued before this change keep working)", async () => {
    const token = await libraryEncode({ token: claims, secret, salt });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    // Same header, same kid: the derived key is the same.
    const [ours] = (await encodeSessionToken({ token: claims, secret, salt })).split(".");
    expect(ours).toBe(token.split(".")[0]);
  });

  it("refuses a token whose header, IV, ciphertext or tag was changed", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt });
    for (const part of [2, 3, 4])
      await expect(decodeSessionToken({ token: tamper(token, part), secret, salt })).rejects.toThrow();
    // A changed header no longer matches the authentication tag (or is not ours and goes to Auth.js, which refuses it).
    await expect(decodeSessionToken({ token: tamper(token, 0), secret, salt })).rejects.toThrow();
  });

  it("refuses a token sealed with another secret or for another cookie name", async () => {
    const token = await encodeSessionToken({ token: claims, secret, salt });
    await expect(decodeSessionToken({ token, secret: `${secret}-other`, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
  });

  it("accepts a token sealed with an older secret of a rotation list, as Auth.js does", async () => {
    const token = await encodeSessionToken({ token: claims, secret: "the-old-secret-0123456789abcdef", salt });
    const decoded = await decodeSessionToken({ token, secret: [secret, "the-old-secret-0123456789abcdef"], salt });
    expect(decoded).toMatchObject(claims);
  });

  it("refuses an expired token (15 s clock tolerance, as Auth.js)", async () => {
    const expired = await encodeSessionToken({ token: claims, secret, salt, maxAge: -16 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow(/exp/);
    await expect(libraryDecode({ token: expired, secret, salt })).rejects.toThrow();
    const withinTolerance = await encodeSessionToken({ token: claims, secret, salt, maxAge: -5 });
    expect(await decodeSessionToken({ token: withinTolerance, secret, salt })).toMatchObject(claims);
  });

  it("refuses claims that are not a JSON object, and a token that is not a JWE", async () => {
    await expect(decodeSessionToken({ token: "a.b.c", secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: "not a token", secret, salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: "", secret, salt })).toBeNull();
  });
});
