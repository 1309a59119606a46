"use strict";
/**
 * Starts at most START_PER_TURN HTTP requests per event-loop turn; the rest wait, in arrival
 * order, for the next turns.
 *
 * Why: Node 20's libuv accepts one connection per event-loop turn (libuv PR #3696; the effect is
 * nodejs/performance#95 and nodejs/node#57364). Without a cap, one turn starts every request that
 * has arrived, so under load a turn lasts (open connections × CPU per request), and a burst of new
 * connections is accepted one such turn at a time. Measured here (`npm run soak:floor`), 100
 * connections opened at once against a plain node:http server spending 2 ms per request: the
 * 35th–100th connection each waited for its first answer 1 to 9.8 s, one after the other, while
 * the rest were served in 0.2 s. Keeping turns short lets the listening socket be polled again
 * soon; the CPU spent per request and the throughput stay the same.
 *
 * A request whose client went away while it waited is not started: nobody would read the answer,
 * and a write the client still wants is retried with its Idempotency-Key.
 */

/** Enough to keep a busy turn near START_PER_TURN requests' CPU (about 12 ms for the console). */
const START_PER_TURN = 4;

/**
 * @template {import("node:http").IncomingMessage} Req
 * @template {import("node:http").ServerResponse} Res
 * @param {(req: Req, res: Res) => unknown} listener
 * @param {number} [perTurn]
 * @returns {(req: Req, res: Res) => void}
 */
function pacedListener(listener, perTurn = START_PER_TURN) {
  // Requests parsed but not started: one per connection unless a client pipelines, so shift() stays cheap.
  /** @type {Array<[unknown, Req, Res]>} */
  const waiting = [];
  let scheduled = false;

  function startSome() {
    let started = 0;
    try {
      while (started < perTurn && waiting.length > 0) {
        const [server, req, res] = /** @type {[unknown, Req, Res]} */ (waiting.shift());
        if (req.socket.destroyed) continue;
        started++;
        listener.call(server, req, res);
      }
    } finally {
      // Also after a listener that throws: the requests behind it must not wait forever.
      scheduled = waiting.length > 0;
      if (scheduled) setImmediate(startSome);
    }
  }

  return function paced(req, res) {
    waiting.push([this, req, res]);
    if (!scheduled) {
      scheduled = true;
      setImmediate(startSome);
    }
  };
}

module.exports = { pacedListener, START_PER_TURN };
