import "server-only";

/**
 * The JSON access log: one line per API request, written to stdout in batches.
 *
 * Why not console.info: under `next start` every console call goes through
 * Next's console wrappers and one stdout write each; at 32 connections that was
 * about 9% of the server's CPU (bench profile). Lines queued in the same turn of
 * the event loop leave in one write after it (setImmediate), and at once past
 * 64 KiB. A SIGKILL can lose the lines of the last turn, never more; a normal
 * exit flushes them.
 */

const FLUSH_BYTES = 64 * 1024;

export interface LineSink {
  write(chunk: string): unknown;
}

export interface AccessLog {
  push(line: string): void;
  flush(): void;
}

export function createAccessLog(sink: LineSink, schedule: (run: () => void) => void = setImmediate): AccessLog {
  let pending: string[] = [];
  let bytes = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = `${pending.join("\n")}\n`;
    pending = [];
    bytes = 0;
    sink.write(text);
  };
  return {
    push(line) {
      pending.push(line);
      bytes += line.length + 1;
      if (bytes >= FLUSH_BYTES) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}

// One per process (Next bundles route handlers separately, each with its own module copy).
const g = globalThis as unknown as { __consoleAccessLog?: AccessLog };

export function accessLog(): AccessLog {
  if (!g.__consoleAccessLog) {
    const log = createAccessLog(process.stdout);
    g.__consoleAccessLog = log;
    process.once("exit", () => log.flush());
  }
  return g.__consoleAccessLog;
}

/** On under `next start` (production); CONSOLE_REQUEST_LOG=on|off overrides. Read each time: tests flip it. */
export function requestLogOn(): boolean {
  const set = process.env.CONSOLE_REQUEST_LOG;
  return set ? set === "on" : process.env.NODE_ENV === "production";
}
