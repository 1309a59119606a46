import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { pacedListener, START_PER_TURN } = require("./paced-listener.cjs") as {
  pacedListener: <A, B>(listener: (req: A, res: B) => unknown, perTurn?: number) => (req: A, res: B) => void;
  START_PER_TURN: number;
};

type FakeReq = { id: number; socket: { destroyed: boolean } };
const turn = () => new Promise((resolve) => setImmediate(resolve));
const fakeRequests = (n: number) =>
  Array.from({ length: n }, (_, id): FakeReq => ({ id, socket: { destroyed: false } }));

describe("pacedListener", () => {
  it("starts at most perTurn requests per event-loop turn, in arrival order, until all are started", async () => {
    const started: number[] = [];
    const paced = pacedListener((req: FakeReq) => started.push(req.id), 3);
    for (const req of fakeRequests(10)) paced(req, null);
    expect(started).toEqual([]);
    const perTurn: number[] = [];
    while (started.length < 10 && perTurn.length < 20) {
      const before = started.length;
      await turn();
      perTurn.push(started.length - before);
    }
    expect(perTurn).toEqual([3, 3, 3, 1]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("does not start a request whose client has gone, and does not count it against the turn", async () => {
    const started: number[] = [];
    const paced = pacedListener((req: FakeReq) => started.push(req.id), 2);
    const reqs = fakeRequests(4);
    for (const req of reqs) paced(req, null);
    (reqs[0] as FakeReq).socket.destroyed = true;
    await turn();
    expect(started).toEqual([1, 2]);
    await turn();
    expect(started).toEqual([1, 2, 3]);
  });

  it("keeps starting the requests behind one whose listener throws", async () => {
    const started: number[] = [];
    const paced = pacedListener((req: FakeReq) => {
      started.push(req.id);
      if (req.id === 0) throw new Error("listener failed");
    }, 2);
    for (const req of fakeRequests(3)) paced(req, null);
    const thrown = await new Promise<unknown>((resolve) => {
      process.once("uncaughtException", resolve);
    });
    expect(thrown).toMatchObject({ message: "listener failed" });
    await turn();
    expect(started).toEqual([0, 1, 2]);
  });

  it("calls the listener with the server as this, and keeps going after the queue empties", async () => {
    const server = { name: "server" };
    const seen: unknown[] = [];
    const paced = pacedListener(function (this: unknown) {
      seen.push(this);
    });
    paced.call(server, fakeRequests(1)[0] as FakeReq, null);
    await turn();
    paced.call(server, fakeRequests(1)[0] as FakeReq, null);
    await turn();
    expect(seen).toEqual([server, server]);
    expect(START_PER_TURN).toBe(4);
  });
});

describe("pace-requests.cjs preloaded into node", () => {
  it("paces the requests of a real http server: 12 parallel requests all answered, never more than 4 started in one turn", () => {
    const preload = path.join(import.meta.dirname, "pace-requests.cjs");
    const script = `
      const http = require("node:http");
      let turn = 0, startedThisTurn = 0, most = 0, lastTurn = -1;
      const tick = () => { turn++; if (ticking) setImmediate(tick); };
      let ticking = true; setImmediate(tick);
      const server = http.createServer((req, res) => {
        if (turn !== lastTurn) { lastTurn = turn; startedThisTurn = 0; }
        most = Math.max(most, ++startedThisTurn);
        res.end("ok");
      }).listen(0, "127.0.0.1", async () => {
        const url = "http://127.0.0.1:" + server.address().port + "/";
        const agent = new http.Agent({ keepAlive: true, maxSockets: 12 });
        const get = () => new Promise((resolve, reject) =>
          http.get(url, { agent }, (r) => { r.resume(); r.on("end", () => resolve(r.statusCode)); }).on("error", reject));
        // Open the 12 connections first, so that the second round arrives together.
        await Promise.all(Array.from({ length: 12 }, get));
        most = 0;
        const statuses = await Promise.all(Array.from({ length: 12 }, get));
        ticking = false; agent.destroy(); server.close();
        console.log(JSON.stringify({ statuses, most }));
      });`;
    const out = spawnSync(process.execPath, ["--require", preload, "-e", script], {
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(out.stderr).toBe("");
    const { statuses, most } = JSON.parse(out.stdout) as { statuses: number[]; most: number };
    expect(statuses).toEqual(Array(12).fill(200));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(4);
  });
});
