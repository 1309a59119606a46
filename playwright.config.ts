import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// The journeys run the console against a standalone sandbox (SANDBOX_URL) so they can
// check the sandbox's own state through its admin endpoints after each write.
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? port + 900);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
const sandboxDataDir = `${dataDir}-sandbox`;
// Set by scripts/e2e-postgres.mjs: the same journeys with the console's data in PostgreSQL.
const databaseUrl = process.env.E2E_DATABASE_URL;

// The console's stdout and stderr, scanned for secrets once every journey has run (e2e/global-teardown.ts).
const serverLog = `${dataDir}/server.log`;
process.env.E2E_SERVER_LOG = serverLog;

// Read by e2e/sandbox.ts (the spec files run in this process's workers).
process.env.E2E_SANDBOX_URL = `http://127.0.0.1:${sandboxPort}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
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
  webServer: [
    {
      command: `rm -rf ${sandboxDataDir} && npx tsx server/sandbox/standalone.ts`,
      // Unauthenticated admin reads answer 401: enough to know it listens.
      url: `http://127.0.0.1:${sandboxPort}/_sandbox/privacy-requests`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        SANDBOX_PORT: String(sandboxPort),
        DATA_DIR: sandboxDataDir,
        // Journeys write often; the rate limits have their own tests.
        SANDBOX_RATE_LIMITS: "off",
        // The deletion journey waits for a whole deletion (SPEC §5.11); 6 s keeps it visible yet short.
        SANDBOX_DELETION_MS: "6000",
      },
    },
    {
      // The build is made by the test command before Playwright runs (see README).
      command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && ${databaseUrl ? "node scripts/e2e-postgres.mjs --reset && " : ""}node --max-semi-space-size=64 --require ./server/http/pace-requests.cjs node_modules/next/dist/bin/next start --port ${port} 2>&1 | tee ${serverLog}`,
      url: `http://localhost:${port}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        NEXT_DIST_DIR: distDir,
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_URL: `http://localhost:${port}`,
        SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
    },
  ],
});
