import { existsSync, readFileSync } from "node:fs";
import { findSecrets } from "./secret-patterns";

/**
 * After the whole run: the console's own log (stdout and stderr of `next start`,
 * teed to SERVER_LOG by playwright.config.ts) must hold no partner secret, token
 * or demo password, whatever the journeys made it do.
 */
export default function scanServerLog(): void {
  const file = process.env.E2E_SERVER_LOG;
  if (!file || !existsSync(file)) return;
  const text = readFileSync(file, "utf8");
  const found = findSecrets(text);
  const password = process.env.DEMO_PASSWORD ?? "demo-password";
  if (text.includes(password)) found.push("demo password");
  if (found.length > 0) throw new Error(`the console's log holds secrets: ${found.join("; ")}`);
  console.log(`server log scanned for secrets: ${text.split("\n").length} lines, none found`);
}
