import { describe, expect, it } from "vitest";
import { DUPLICATE_WINDOW_MS, findDuplicate, privacyFingerprint } from "./duplicate";
import { consumerRequestForm, EMPTY_CONSUMER_REQUEST, toPrivacyRequestBody } from "./form";
import { hashEmail, hashedEmailProblem, normaliseEmail, sha256Hex } from "./hash";
import { maskEmail, maskHash, maskIdentifier, maskPhone } from "./mask";
import { normalisePhone, splitE164 } from "./phone";
import { historyStatus, STALE_SENDING_MS } from "./status";

describe("hashing", () => {
  it("matches the SHA-256 test vectors", async () => {
    expect(await sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
  it("hashes the trimmed, lowercased email", async () => {
    const expected = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
    expect(normaliseEmail("  Test@Example.COM \n")).toBe("test@example.com");
    expect(await hashEmail("  Test@Example.COM ")).toBe(expected);
    expect(await hashEmail("test@example.com")).toBe(expected);
  });
  it("says what is wrong with a typed hash", () => {
    expect(hashedEmailProblem("a".repeat(64))).toBeNull();
    expect(hashedEmailProblem("a".repeat(63))).toMatch(/64 characters long; this one has 63/);
    expect(hashedEmailProblem("A".repeat(64))).toMatch(/lowercase/);
    expect(hashedEmailProblem(`${"a".repeat(63)}g`)).toMatch(/0–9 and a–f/);
    expect(hashedEmailProblem("")).toMatch(/Enter/);
  });
});

describe("phone normalisation", () => {
  it("turns national numbers into E.164 with the chosen country", () => {
    expect(normalisePhone("07700 900123", "GB")).toEqual({ ok: true, e164: "+447700900123" });
    expect(normalisePhone("(415) 555-0100", "US")).toEqual({ ok: true, e164: "+14155550100" });
    expect(normalisePhone("06 12 34 56 78", "FR")).toEqual({ ok: true, e164: "+33612345678" });
    // Italy keeps its leading 0.
    expect(normalisePhone("06 1234 5678", "IT")).toEqual({ ok: true, e164: "+390612345678" });
    expect(normalisePhone("447700900123", "GB")).toEqual({ ok: true, e164: "+447700900123" });
  });
  it("keeps an international number's own calling code", () => {
    expect(normalisePhone("+49 30 1234567", "GB")).toEqual({ ok: true, e164: "+49301234567" });
    expect(normalisePhone("0049 30 1234567", "US")).toEqual({ ok: true, e164: "+49301234567" });
  });
  it("refuses what is not a phone number", () => {
    expect(normalisePhone("", "GB").ok).toBe(false);
    expect(normalisePhone("12", "GB")).toMatchObject({ ok: false, message: expect.stringMatching(/Too few/) });
    expect(normalisePhone("+1234567890123456", "GB")).toMatchObject({ ok: false, message: /Too many/ });
    expect(normalisePhone("07700 9001ab", "GB")).toMatchObject({ ok: false, message: /only digits/ });
    expect(normalisePhone("+0441234567", "GB").ok).toBe(false);
    expect(normalisePhone("07700900123", "XX")).toMatchObject({ ok: false, message: /country/ });
  });
  it("splits calling codes by the longest known prefix", () => {
    expect(splitE164("+353861234567")).toEqual({ callingCode: "353", national: "861234567" });
    expect(splitE164("+14155550100")).toEqual({ callingCode: "1", national: "4155550100" });
    expect(splitE164("not a number")).toBeNull();
  });
});

describe("masking", () => {
  it("masks emails, phones and hashes without revealing lengths", () => {
    expect(maskEmail("john@example.com")).toBe("j***@example.com");
    expect(maskEmail("Jonathan.Long.Name@Example.com")).toBe("J***@example.com");
    expect(maskEmail("broken")).toBe("***");
    expect(maskPhone("+447700900189")).toBe("+44 ***** **89");
    expect(maskPhone("+14155550100")).toBe("+1 ***** **00");
    expect(maskHash("973DFE463EC85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b")).toBe("973dfe46…");
    expect(maskIdentifier({ phone: "+447700900189" })).toBe("+44 ***** **89");
    expect(maskIdentifier({})).toBe("—");
  });
});

describe("duplicate detection", () => {
  const now = new Date("2026-03-01T12:00:00.000Z");
  const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();

  it("treats an email and its hash as the same identifier, per request type", async () => {
    const byEmail = await privacyFingerprint("NETWORK_OPT_OUT", { email: " Test@Example.com" });
    const byHash = await privacyFingerprint("NETWORK_OPT_OUT", {
      hashedEmail: "973DFE463EC85785F5F95AF5BA3906EEDB2D931C24E69824A89EA65DBA4E813B",
    });
    expect(byEmail).toBe(byHash);
    expect(await privacyFingerprint("NETWORK_DATA_DELETION", { email: "test@example.com" })).not.toBe(byEmail);
    expect(await privacyFingerprint("NETWORK_OPT_OUT", { phone: "+447700900123" })).not.toBe(byEmail);
    expect(byEmail).toMatch(/^[0-9a-f]{64}$/);
    expect(byEmail).not.toContain("973dfe46");
  });

  it("flags the latest request of the same fingerprint within 24 hours that may have reached Rokt", () => {
    const prior = [
      { id: "old", fingerprint: "f", createdAt: at(DUPLICATE_WINDOW_MS + 1), status: "submitted" },
      { id: "refused", fingerprint: "f", createdAt: at(1000), status: "failed" },
      { id: "a", fingerprint: "f", createdAt: at(60_000), status: "submitted" },
      { id: "b", fingerprint: "f", createdAt: at(30_000), status: "unknown" },
      { id: "other", fingerprint: "g", createdAt: at(10), status: "submitted" },
    ];
    expect(findDuplicate(prior, "f", now)?.id).toBe("b");
    expect(findDuplicate(prior.slice(0, 2), "f", now)).toBeUndefined();
    expect(findDuplicate(prior, "h", now)).toBeUndefined();
    expect(findDuplicate([{ ...prior[0]!, createdAt: at(DUPLICATE_WINDOW_MS) }], "f", now)?.id).toBe("old");
  });
});

describe("consumer request form", () => {
  const valid = (patch: Partial<typeof EMPTY_CONSUMER_REQUEST>) =>
    consumerRequestForm.safeParse({ ...EMPTY_CONSUMER_REQUEST, ...patch });

  it("validates only the chosen identifier and sends exactly one", async () => {
    const parsed = valid({ email: " Test@Example.com ", hashInBrowser: true, phone: "nonsense" });
    expect(parsed.success).toBe(true);
    expect(await toPrivacyRequestBody(parsed.data!)).toEqual({
      requestType: "NETWORK_OPT_OUT",
      hashedEmail: "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b",
    });
    const plain = valid({ email: " Test@Example.com ", hashInBrowser: false });
    expect(await toPrivacyRequestBody(plain.data!)).toEqual({
      requestType: "NETWORK_OPT_OUT",
      email: "test@example.com",
    });
    const phone = valid({ identifierType: "phone", phone: "07700 900123", requestType: "NETWORK_DATA_DELETION" });
    expect(await toPrivacyRequestBody(phone.data!)).toEqual({
      requestType: "NETWORK_DATA_DELETION",
      phone: "+447700900123",
    });
  });

  it("puts a clear message on the field at fault", () => {
    const issues = (patch: Partial<typeof EMPTY_CONSUMER_REQUEST>) =>
      (valid(patch).error?.issues ?? []).map((i) => [i.path.join("."), i.message]);
    expect(issues({ email: "john@" })).toEqual([["email", expect.stringMatching(/valid email/)]]);
    expect(issues({ identifierType: "phone", phone: "123" })).toEqual([["phone", expect.stringMatching(/Too few/)]]);
    expect(issues({ identifierType: "hashedEmail", hashedEmail: "abc" })).toEqual([
      ["hashedEmail", expect.stringMatching(/64 characters/)],
    ]);
  });
});

describe("history status", () => {
  const now = new Date("2026-03-01T12:00:00.000Z");
  const row = (patch: Partial<Parameters<typeof historyStatus>[0]>) =>
    historyStatus(
      { kind: "consumer", status: "submitted", operationStatus: null, updatedAt: now.toISOString(), ...patch },
      now,
    ).label;
  it("names each state, and a request stuck sending as outcome unknown", () => {
    expect(row({})).toBe("Submitted");
    expect(row({ status: "unknown" })).toBe("Outcome unknown");
    expect(row({ status: "failed" })).toBe("Refused");
    expect(row({ status: "sending" })).toBe("Sending");
    expect(row({ status: "sending", updatedAt: new Date(now.getTime() - STALE_SENDING_MS - 1).toISOString() })).toBe(
      "Outcome unknown",
    );
    expect(row({ kind: "merchant_deletion", status: "awaiting_approval" })).toBe("Awaiting approval");
    expect(row({ kind: "merchant_deletion", operationStatus: "pending" })).toBe("Pending");
    expect(row({ kind: "merchant_deletion", operationStatus: "in_progress" })).toBe("In progress");
    expect(row({ kind: "merchant_deletion", operationStatus: "completed" })).toBe("Deleted");
  });
});
