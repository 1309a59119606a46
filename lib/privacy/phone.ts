/**
 * Phone numbers as people type them ("07700 900123", "(415) 555-0100") to the
 * E.164 form the API takes ("+447700900123"), given the country the person
 * chose. A number typed with "+" or "00" is international and keeps its own
 * calling code whatever the country says.
 */

export interface PhoneCountry {
  code: string; // ISO 3166-1 alpha-2
  name: string;
  callingCode: string;
  /** Whether a leading 0 of a national number is a trunk prefix to drop (not in Italy). */
  trunkZero: boolean;
}

export const PHONE_COUNTRIES: readonly PhoneCountry[] = [
  { code: "GB", name: "United Kingdom", callingCode: "44", trunkZero: true },
  { code: "US", name: "United States", callingCode: "1", trunkZero: false },
  { code: "CA", name: "Canada", callingCode: "1", trunkZero: false },
  { code: "AU", name: "Australia", callingCode: "61", trunkZero: true },
  { code: "NZ", name: "New Zealand", callingCode: "64", trunkZero: true },
  { code: "IE", name: "Ireland", callingCode: "353", trunkZero: true },
  { code: "DE", name: "Germany", callingCode: "49", trunkZero: true },
  { code: "FR", name: "France", callingCode: "33", trunkZero: true },
  { code: "ES", name: "Spain", callingCode: "34", trunkZero: false },
  { code: "IT", name: "Italy", callingCode: "39", trunkZero: false },
  { code: "NL", name: "Netherlands", callingCode: "31", trunkZero: true },
  { code: "SE", name: "Sweden", callingCode: "46", trunkZero: true },
  { code: "JP", name: "Japan", callingCode: "81", trunkZero: true },
  { code: "SG", name: "Singapore", callingCode: "65", trunkZero: false },
  { code: "IN", name: "India", callingCode: "91", trunkZero: true },
  { code: "BR", name: "Brazil", callingCode: "55", trunkZero: true },
  { code: "MX", name: "Mexico", callingCode: "52", trunkZero: false },
  { code: "ZA", name: "South Africa", callingCode: "27", trunkZero: true },
];

export const E164 = /^\+[1-9]\d{1,14}$/;

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

const SEPARATORS = /[\s().\-\u00a0/]/g;

export function normalisePhone(input: string, countryCode: string): PhoneResult {
  const country = PHONE_COUNTRIES.find((c) => c.code === countryCode);
  const compact = input.trim().replace(SEPARATORS, "");
  if (compact === "") return { ok: false, message: "Enter a phone number." };
  let e164: string;
  if (compact.startsWith("+")) e164 = compact;
  else if (compact.startsWith("00")) e164 = `+${compact.slice(2)}`;
  else {
    if (!country) return { ok: false, message: "Choose the country of this phone number." };
    if (!/^\d+$/.test(compact)) return { ok: false, message: "A phone number has only digits, spaces and + ( ) - ." };
    const national = country.trunkZero ? compact.replace(/^0/, "") : compact;
    // A national number typed with its calling code but no "+" (e.g. "447700900123" for the UK).
    const withoutCc =
      national.startsWith(country.callingCode) && national.length > 10
        ? national.slice(country.callingCode.length)
        : national;
    e164 = `+${country.callingCode}${withoutCc}`;
  }
  if (!/^\+\d+$/.test(e164)) return { ok: false, message: "A phone number has only digits, spaces and + ( ) - ." };
  const digits = e164.length - 1;
  // E.164 allows up to 15 digits; no real subscriber number is shorter than 7 with its calling code.
  if (!E164.test(e164) || digits < 7) {
    return {
      ok: false,
      message: `${digits > 15 ? "Too many digits" : "Too few digits"} for a phone number (E.164: 7 to 15 digits with the country code).`,
    };
  }
  return { ok: true, e164 };
}

/** "+447700900189" → { callingCode: "44", national: "7700900189" }, using the known calling codes (longest first). */
export function splitE164(e164: string): { callingCode: string; national: string } | null {
  if (!E164.test(e164)) return null;
  const digits = e164.slice(1);
  const codes = [...new Set(PHONE_COUNTRIES.map((c) => c.callingCode))].sort((a, b) => b.length - a.length);
  const known = codes.find((cc) => digits.startsWith(cc) && digits.length > cc.length);
  // Unknown codes: show one digit rather than guess wrongly how long the code is.
  const callingCode = known ?? digits.slice(0, 1);
  return { callingCode, national: digits.slice(callingCode.length) };
}
