import { defaultDeps } from "@/server/api/context";
import { ROUTES } from "@/server/api/routes";
import { dispatch } from "@/server/api/wrapper";

// Every API route but Auth.js's goes through the one table and the one wrapper.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const deps = defaultDeps();
const handle = (request: Request) => dispatch(request, deps, ROUTES);

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
