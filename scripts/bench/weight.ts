/**
 * §2 Page weight: first-load JavaScript per route, gzipped, from
 * `<distDir>/diagnostics/route-bundle-stats.json` (Next 16 prints no First Load
 * JS column), next to the bare Next.js page built in the same run (the floor).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type BenchResult, DIST_DIR, notBuilt, ROOT, result } from "./lib";

interface RouteStats {
  route: string;
  firstLoadUncompressedJsBytes: number;
  firstLoadChunkPaths: string[];
}

/** The console's pages, by the id they get in the table. */
export const PAGES: Record<string, string> = {
  sign_in: "/sign-in",
  home: "/",
  merchants: "/merchants",
  merchant: "/merchants/[accountId]",
  onboarding: "/onboard",
  operations: "/operations",
  privacy: "/privacy",
  audit: "/audit",
  settings: "/settings",
};

function readStats(projectDir: string, distDir: string): RouteStats[] {
  const file = path.join(projectDir, distDir, "diagnostics", "route-bundle-stats.json");
  return JSON.parse(readFileSync(file, "utf8")) as RouteStats[];
}

/** Gzipped bytes of a route's first-load chunks (each chunk once). */
function gzBytes(projectDir: string, stats: RouteStats, cache: Map<string, number>): number {
  let total = 0;
  for (const chunk of new Set(stats.firstLoadChunkPaths)) {
    const file = path.isAbsolute(chunk) ? chunk : path.join(projectDir, chunk);
    let size = cache.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(file)).length;
      cache.set(file, size);
    }
    total += size;
  }
  return total;
}

export function measureWeight(bareDir: string): BenchResult[] {
  const cache = new Map<string, number>();
  const bare = readStats(bareDir, ".next").find((r) => r.route === "/");
  if (!bare) throw new Error("the bare app's build lists no / route");
  const floor = gzBytes(bareDir, bare, cache) / 1024;
  const target = `<= ${(floor + 40).toFixed(1)}`;
  const stats = readStats(ROOT, DIST_DIR);
  const out: BenchResult[] = [
    result("weight.floor.kib_gz", floor, "KiB", null, "", "bare Next.js App Router page, same build"),
  ];
  for (const [id, route] of Object.entries(PAGES)) {
    const s = stats.find((r) => r.route === route) ?? stats.find((r) => r.route.startsWith(`${route}/`));
    if (!s) {
      out.push(notBuilt(`weight.${id}.kib_gz`, "KiB", target, `no ${route} route in this build`));
      continue;
    }
    const kib = gzBytes(ROOT, s, cache) / 1024;
    out.push(
      result(
        `weight.${id}.kib_gz`,
        kib,
        "KiB",
        Math.round(floor * 100) / 100,
        target,
        s.route === route ? undefined : `measured on ${s.route}`,
      ),
    );
  }
  return out;
}
