import { serve } from "@hono/node-server";
import { createSandbox, sandboxOptionsFromEnv } from "./index";

/** `npm run sandbox`: the sandbox alone on 127.0.0.1:$SANDBOX_PORT (default 4010). */
const port = Number(process.env.SANDBOX_PORT?.trim() || 4010);
const sandbox = createSandbox(sandboxOptionsFromEnv());

const server = serve(
  {
    hostname: "127.0.0.1",
    port,
    fetch: async (req, env) => {
      const res = await sandbox.handle(req);
      if (sandbox.isDropped(res)) {
        // drop_after_commit_rate: committed, then the connection is cut without an answer.
        env.incoming.socket?.destroy();
        return new Response(null, { status: 204 });
      }
      return res;
    },
  },
  (info) => console.log(`Partnerships API sandbox listening on http://127.0.0.1:${info.port}`),
);

server.on("error", (err: NodeJS.ErrnoException) => {
  console.error(`Partnerships API sandbox could not listen on 127.0.0.1:${port}: ${err.code ?? err.message}`);
  sandbox.close();
  process.exit(1);
});

const stop = () => {
  server.close();
  sandbox.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
