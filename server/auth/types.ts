import "server-only";
import type { Role } from "@/server/db/types";

/** The signed-in user as every server module sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
