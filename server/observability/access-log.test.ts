import { describe, expect, it } from "vitest";
import { createAccessLog } from "./access-log";

function harness() {
  const writes: string[] = [];
  const queued: (() => void)[] = [];
  const log = createAccessLog({ write: (c) => writes.push(c) }, (run) => queued.push(run));
  const tick = () => {
    for (const run of queued.splice(0)) run();
  };
  return { writes, queued, log, tick };
}

describe("access log", () => {
  it("writes the lines of one turn in one write, each on its own line, after the turn", () => {
    const { writes, queued, log, tick } = harness();
    log.push('{"a":1}');
    log.push('{"b":2}');
    expect(writes).toEqual([]);
    expect(queued).toHaveLength(1);
    tick();
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n']);
    log.push('{"c":3}');
    tick();
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n', '{"c":3}\n']);
  });

  it("writes at once past 64 KiB, so a burst never holds much in memory", () => {
    const { writes, log, tick } = harness();
    const line = "x".repeat(1023);
    for (let i = 0; i < 64; i++) log.push(line);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split("\n").filter(Boolean)).toHaveLength(64);
    log.push("tail");
    tick();
    expect(writes).toEqual([writes[0], "tail\n"]);
  });

  it("flush writes what is queued and nothing when the queue is empty", () => {
    const { writes, log } = harness();
    log.flush();
    expect(writes).toEqual([]);
    log.push("one");
    log.flush();
    expect(writes).toEqual(["one\n"]);
  });
});
