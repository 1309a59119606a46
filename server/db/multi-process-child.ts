/**
 * A separate console process for multi-process.test.ts: opens the database
 * given as JSON options, counts limiter hits and tries to take a lease.
 * Run with `node --conditions=react-server --import tsx` (server-only resolves
 * to nothing under that condition).
 */
import { createConsoleDb } from "./open";

const [optionsJson = "{}", hits = "0", limit = "0", windowMs = "60000"] = process.argv.slice(2);
const db = await createConsoleDb(JSON.parse(optionsJson));
let allowed = 0;
for (let i = 0; i < Number(hits); i++) {
  if ((await db.limiter.hit("multi-process", Number(limit), Number(windowMs))).allowed) allowed++;
}
const lease = await db.leases.acquire("multi-process-job", `pid-${process.pid}`, 60_000);
const intent = await db.intents.begin({ key: "k", userId: "u", route: "r", bodyHash: "h" });
await db.close();
process.stdout.write(JSON.stringify({ allowed, lease, intent: intent.state }));
