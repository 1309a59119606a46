"use server";

import { signOut } from "@/server/auth";

/** Used by the user menu on every console page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
