import { Hono } from "hono";
import { accountState, admin, layoutsCsv, privacyRequests, resetSandbox, setFaults } from "./admin";
import { tokenEndpoint } from "./auth";
import { envelope, jsonResponse, newRequestId } from "./http";
import { finish, type Rc } from "./pipeline";
import { listAccounts, register } from "./routes/accounts";
import { getControls, getOperationRoute, getStatus, putControls, putStatus } from "./routes/controls";
import { addPages, patchLayout, switchPage } from "./routes/pages";
import { dataDeletion, payoutSetup } from "./routes/payout-deletion";
import { networkPrivacy } from "./routes/privacy";
import type { SandboxState } from "./state";

type Env = { Variables: { rc: Rc } };

const newRc = (s: SandboxState, req: Request): Rc => ({
  s,
  req,
  url: new URL(req.url),
  requestId: newRequestId(),
  headers: {},
  dryRunWrite: false,
  parentId: "",
});

const notFoundResponse = (rc: Rc) =>
  jsonResponse(404, envelope(404, rc.requestId, null, `no route for ${rc.req.method} ${rc.url.pathname}`));

/**
 * HEAD never reaches Hono, which would answer it as a GET without a body: no path has
 * HEAD, so it is the enveloped 404 like any other missing method.
 */
export function headNotFound(s: SandboxState, req: Request): Response {
  const rc = newRc(s, req);
  return finish(rc, notFoundResponse(rc));
}

/** The sandbox's routes. Anything unrouted, HEAD and OPTIONS included, is an enveloped 404 before any check. */
export function buildApp(s: SandboxState, reseed: () => void): Hono<Env> {
  const app = new Hono<Env>();

  app.use("*", async (c, next) => {
    const rc = newRc(s, c.req.raw);
    c.set("rc", rc);
    if (c.req.raw.method === "OPTIONS") {
      c.res = finish(rc, notFoundResponse(rc));
      return;
    }
    await next();
    finish(rc, c.res);
  });
  app.notFound((c) => notFoundResponse(c.get("rc")));
  app.onError((err, c) => {
    console.error("sandbox: unhandled error", err);
    return jsonResponse(500, envelope(500, c.get("rc").requestId, null, "internal server error"));
  });

  app.post("/api/v1/oauth/token", (c) => tokenEndpoint(s, c.req.raw));

  const A = "/v1/partnership/accounts/:account_id";
  app.post("/v1/accounts/register/partnership", (c) => register(c.get("rc")));
  app.get("/v1/partnership/accounts", (c) => listAccounts(c.get("rc")));
  app.get(`${A}/marketplacecontrolslists`, (c) => getControls(c.get("rc"), c.req.param("account_id")));
  app.put(`${A}/marketplacecontrolslists`, (c) => putControls(c.get("rc"), c.req.param("account_id")));
  app.get(`${A}/status`, (c) => getStatus(c.get("rc"), c.req.param("account_id")));
  app.put(`${A}/status`, (c) => putStatus(c.get("rc"), c.req.param("account_id")));
  app.post(`${A}/pages`, (c) => addPages(c.get("rc"), c.req.param("account_id")));
  app.put(`${A}/pages/:page_id`, (c) => switchPage(c.get("rc"), c.req.param("account_id"), c.req.param("page_id")));
  app.patch(`${A}/layouts/:layout_id`, (c) =>
    patchLayout(c.get("rc"), c.req.param("account_id"), c.req.param("layout_id")),
  );
  app.post(`${A}/payout-setup`, (c) => payoutSetup(c.get("rc"), c.req.param("account_id")));
  app.post(`${A}/data-deletion-requests`, (c) => dataDeletion(c.get("rc"), c.req.param("account_id")));
  app.post("/v1/partnership/network-privacy-requests", (c) => networkPrivacy(c.get("rc")));
  app.get("/v1/partnership/operations/:operation_id", (c) =>
    getOperationRoute(c.get("rc"), c.req.param("operation_id")),
  );

  app.post("/_sandbox/reset", (c) => admin(c.get("rc"), () => resetSandbox(s, reseed)));
  app.get("/_sandbox/accounts/:account_id", (c) =>
    admin(c.get("rc"), () => accountState(s, c.req.param("account_id"))),
  );
  app.get("/_sandbox/privacy-requests", (c) => admin(c.get("rc"), () => privacyRequests(s)));
  app.get("/_sandbox/export/layouts.csv", (c) => admin(c.get("rc"), () => layoutsCsv(s)));
  app.post("/_sandbox/faults", (c) => admin(c.get("rc"), () => setFaults(c.get("rc"))));

  return app;
}
