/**
 * §3 Merchant index at scale: runs the merchant index's own benchmark
 * (scripts/bench-merchants.ts, `npm run bench:merchants`: 50,000 merchants in a
 * sandbox, full sync into the index, search-as-you-type shapes on SQLite and
 * PostgreSQL) and reads its table: the full sync time and, per engine, the
 * worst p99 of the search shapes.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { type BenchResult, log, notBuilt, QUICK, ROOT, result, runCommand } from "./lib";

const SCRIPT = path.join("scripts", "bench-merchants.ts");

export async function measureIndex(): Promise<BenchResult[]> {
  const engines = process.env.SKIP_PG_TESTS === "1" ? ["sqlite"] : ["sqlite", "postgres"];
  if (!existsSync(path.join(ROOT, SCRIPT))) {
    return [
      notBuilt("index.sync_50k_s", "s", "<= 30", `${SCRIPT} does not exist yet`),
      ...engines.map((e) => notBuilt(`index.search.${e}.p99_ms`, "ms", "<= 20", `${SCRIPT} does not exist yet`)),
    ];
  }
  const merchants = QUICK ? 5000 : 50_000;
  const output = await runCommand(process.execPath, ["--conditions=react-server", "--import", "tsx", SCRIPT], {
    env: { BENCH_MERCHANTS: String(merchants), BENCH_ITERATIONS: QUICK ? "40" : "300" },
  });
  const lines = output.split("\n").map((l) => l.trim().split(/\s{2,}/));
  const out: BenchResult[] = [];
  const scale = QUICK ? ` (BENCH_QUICK: ${merchants} merchants, not 50,000)` : "";
  for (const engine of engines) {
    const sync = lines.find((cells) => cells[0] === engine && /^[\d.]+ s$/.test(cells[1] ?? ""));
    const searches = lines.filter(
      (cells) => cells[0] === engine && cells.length >= 8 && /^[\d.]+$/.test(cells[4] ?? ""),
    );
    if (!sync || searches.length === 0) {
      log(`merchant index: could not read the ${engine} rows of ${SCRIPT}'s output:\n${output.slice(-3000)}`);
      throw new Error(`unreadable output from ${SCRIPT}`);
    }
    const syncS = Number.parseFloat(sync[1] ?? "");
    if (engine === "sqlite") {
      out.push(result("index.sync_50k_s", syncS, "s", null, "<= 30", `full sync into SQLite${scale}`));
    } else {
      out.push(result(`index.sync_50k_${engine}_s`, syncS, "s", null, "", `full sync into PostgreSQL${scale}`));
    }
    const worst = searches.reduce((a, b) => (Number(b[4]) > Number(a[4]) ? b : a));
    out.push(
      result(
        `index.search.${engine}.p99_ms`,
        Number(worst[4]),
        "ms",
        null,
        "<= 20",
        `worst shape: ${worst[1]} (p50 ${worst[3]} ms; the list route's data path p99 ${worst[7]} ms)${scale}`,
      ),
    );
  }
  return out;
}
