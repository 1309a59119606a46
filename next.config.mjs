import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The commit being built, for Settings → Health; a build without git (or outside a checkout) still works. */
function gitCommit() {
  if (process.env.CONSOLE_BUILD_COMMIT) return process.env.CONSOLE_BUILD_COMMIT;
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "";
  }
}

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets two builds (e.g. two e2e runs) live side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Inlined at build time: the build version Settings → Health shows.
  env: { CONSOLE_BUILD_VERSION: version, CONSOLE_BUILD_COMMIT: gitCommit() },
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "pg", "bcryptjs"],
  typescript: { ignoreBuildErrors: false },
  // forbidden(): a page a role may not open renders app/(console)/forbidden.tsx.
  experimental: { authInterrupts: true, ...(process.env.NEXT_NO_MINIFY ? { serverMinification: false } : {}) },
};

export default nextConfig;
