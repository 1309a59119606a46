import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
// Set by scripts/e2e-postgres.mjs: the same journeys with the console's data in PostgreSQL.
const databaseUrl = process.env.E2E_DATABASE_URL;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    // The build is made by the test command before Playwright runs (see README).
    command: `rm -rf ${dataDir} && ${databaseUrl ? "node scripts/e2e-postgres.mjs --reset && " : ""}npx next start --port ${port}`,
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      NEXT_DIST_DIR: distDir,
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_URL: `http://localhost:${port}`,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  },
});
