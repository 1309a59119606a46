/**
 * What must never leave the server: shared by the secrets journey (bundles,
 * HTML, API answers) and the scan of the console's log after a whole
 * Playwright run (global-teardown.ts).
 */

/** Secret values: never anywhere a browser can read. */
export const SECRET_VALUES: [string, RegExp][] = [
  ["partner client secret", /rsec_[A-Za-z0-9]+/],
  ["sandbox admin token", /sandbox-admin(?![-\w])/],
  ["bearer token", /Bearer\s+[A-Za-z0-9._~+/-]{16,}/],
];
/**
 * Token-exchange field names: their presence in an answer would mean a token
 * answer leaked through. Only the OpenAPI document may name them, because it
 * describes the upstream's token endpoint.
 */
export const TOKEN_FIELDS: [string, RegExp][] = [
  ["OAuth token field", /access_token/],
  ["client_secret field", /client_secret/],
];

export function findSecrets(text: string, opts: { fieldNamesAllowed?: boolean } = {}): string[] {
  const patterns = opts.fieldNamesAllowed ? SECRET_VALUES : [...SECRET_VALUES, ...TOKEN_FIELDS];
  return patterns.filter(([, re]) => re.test(text)).map(([name, re]) => `${name}: ${text.match(re)?.[0]}`);
}
