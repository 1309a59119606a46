"use strict";
/**
 * Loaded before Next.js by `npm start` (node --require): every HTTP server this process creates,
 * that is the one `next start` creates, starts its requests through pacedListener (see there why).
 */
const http = require("node:http");
const { pacedListener } = require("./paced-listener.cjs");

const createServer = http.createServer;
http.createServer = function pacedCreateServer(options, listener) {
  if (typeof options === "function") return createServer.call(this, pacedListener(options));
  return createServer.call(this, options, listener && pacedListener(listener));
};
