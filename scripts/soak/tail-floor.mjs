/**
 * `node scripts/soak/tail-floor.mjs`: the latency tail of 100 connections opened at once against
 * the simplest possible server on this machine, plain and with the console's request pacing
 * (server/http/paced-listener.cjs), for comparison with the soak's load phase.
 *
 * A node:http server (no Next.js, no console) spends TAIL_CPU_MS (2) of CPU per request and
 * answers TAIL_BYTES (17,000, the size of a merchant-list API answer); autocannon drives it with
 * 100 connections for TAIL_SECONDS (30) from this process. Prints req/s, p50, p99, max and
 * timeouts for each, and how long the last connection waited for its first answer: Node 20's
 * libuv accepts one connection per event-loop turn, so without pacing the connections are
 * accepted one long turn at a time.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";

const PORT = Number(process.env.TAIL_PORT ?? 3195);
const CPU_MS = Number(process.env.TAIL_CPU_MS ?? 2);
const BYTES = Number(process.env.TAIL_BYTES ?? 17_000);
const SECONDS = Number(process.env.TAIL_SECONDS ?? 30);
const PRELOAD = path.resolve(import.meta.dirname, "../../server/http/pace-requests.cjs");

const serverCode = `
const body = "x".repeat(${BYTES});
require("node:http").createServer((req, res) => {
  const until = performance.now() + ${CPU_MS};
  while (performance.now() < until) {}
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
}).listen(${PORT}, "127.0.0.1", () => console.log("ready"));
`;

async function measure(nodeArgs) {
  const server = spawn(process.execPath, [...nodeArgs, "-e", serverCode], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve) => server.stdout.once("data", resolve));
  try {
    const firstAnswerMs = [];
    const start = performance.now();
    const r = await autocannon({
      url: `http://127.0.0.1:${PORT}/`,
      connections: 100,
      duration: SECONDS,
      setupClient(client) {
        client.once("response", () => firstAnswerMs.push(performance.now() - start));
      },
    });
    return {
      requests: r.requests.total,
      rps: Math.round(r.requests.average),
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      maxMs: r.latency.max,
      timeouts: r.timeouts,
      errors: r.errors,
      lastFirstAnswerMs: Math.round(Math.max(...firstAnswerMs)),
    };
  } finally {
    server.kill("SIGKILL");
  }
}

console.log(JSON.stringify({ plain: await measure([]) }));
console.log(JSON.stringify({ paced: await measure(["--require", PRELOAD]) }));
