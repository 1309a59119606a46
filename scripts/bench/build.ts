/**
 * The two production builds a run needs: the console (own dist dir, so others'
 * builds are left alone) and a bare Next.js App Router app generated in a
 * temporary folder (same Next version, through a symlink to this checkout's
 * node_modules): one server-component page (the page-weight floor) and one
 * route handler that only forwards a request with `fetch` (the proxy floor).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DIST_DIR, log, ROOT, runCommand } from "./lib";

const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** `next build` into .next-bench. A custom dist dir makes Next rewrite tsconfig.json's include list: put it back. */
export async function buildConsole(): Promise<void> {
  const tsconfigPath = path.join(ROOT, "tsconfig.json");
  const tsconfig = readFileSync(tsconfigPath, "utf8");
  const started = Date.now();
  try {
    await runCommand(process.execPath, [NEXT_BIN, "build"], { env: { NEXT_DIST_DIR: DIST_DIR } });
  } finally {
    if (readFileSync(tsconfigPath, "utf8") !== tsconfig) writeFileSync(tsconfigPath, tsconfig);
  }
  log(`console built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const BARE_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "bench-bare-next", private: true, type: "module" }, null, 2),
  "next.config.mjs": `export default { poweredByHeader: false, turbopack: { root: "/" } };\n`,
  "app/layout.js": `export const metadata = { title: "Bare" };
export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  "app/page.js": `export default function Page() {
  return (<main><h1>Bare Next.js page</h1><p>The floor of any page of this stack.</p></main>);
}
`,
  // The floor of any Next.js proxy: forward the request to the upstream with fetch, answer with its answer.
  "app/v1/[...path]/route.js": `export const dynamic = "force-dynamic";
const upstream = process.env.UPSTREAM_URL;
const FORWARDED = ["authorization", "content-type", "idempotency-key", "x-platform-parent-account-id"];
async function forward(request, { params }) {
  const { path } = await params;
  const url = new URL(request.url);
  const headers = {};
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const res = await fetch(upstream + "/v1/" + path.join("/") + url.search, {
    method: request.method,
    headers,
    body: request.method === "GET" ? undefined : await request.text(),
    cache: "no-store",
  });
  return new Response(await res.text(), {
    status: res.status,
    headers: { "content-type": res.headers.get("content-type") ?? "application/json" },
  });
}
export { forward as GET, forward as PUT };
`,
};

/** Generates and builds the bare app in a temporary folder; returns the folder (remove it when done). */
export async function buildBareApp(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-bare-next-"));
  for (const [file, text] of Object.entries(BARE_FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  const started = Date.now();
  try {
    await runCommand(process.execPath, [NEXT_BIN, "build"], { cwd: dir, env: { NEXT_DIST_DIR: undefined } });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  log(`bare Next.js app built in ${((Date.now() - started) / 1000).toFixed(0)} s (${dir})`);
  return dir;
}

export const nextBin = NEXT_BIN;
export const consoleBuilt = () => existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"));
