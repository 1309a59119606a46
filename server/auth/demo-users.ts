import "server-only";
import bcrypt from "bcryptjs";
import type { Role } from "@/lib/auth/roles";
import type { ConsoleDb } from "@/server/db/types";

export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "support@demo.test", name: "Sam Support", role: "support" },
  { email: "manager@demo.test", name: "Morgan Manager", role: "account_manager" },
  { email: "admin@demo.test", name: "Ada Admin", role: "admin" },
];

export const BCRYPT_ROUNDS = 10;

const globalForDemo = globalThis as unknown as { __consoleDemoSeed?: Promise<void> };

/** Seeds the demo users once per process (sandbox mode only). */
export function ensureDemoUsers(db: ConsoleDb, password: string): Promise<void> {
  globalForDemo.__consoleDemoSeed ??= seedDemoUsers(db, password).catch((error) => {
    globalForDemo.__consoleDemoSeed = undefined; // let the next sign-in try again
    throw error;
  });
  return globalForDemo.__consoleDemoSeed;
}

/**
 * Idempotent, and safe when two processes seed one database at once: a create
 * that loses the race on the unique email is read back instead. Existing users
 * keep their role and status (an admin may have changed them); only a password
 * that no longer matches DEMO_PASSWORD is re-hashed.
 */
export async function seedDemoUsers(db: ConsoleDb, password: string): Promise<void> {
  for (const demo of DEMO_USERS) {
    let user = await db.users.findByEmail(demo.email);
    if (!user) {
      const passwordHash = await bcrypt.hash(password, BCRYPT_ROUNDS);
      try {
        user = await db.users.create({ ...demo, passwordHash });
        continue;
      } catch (error) {
        user = await db.users.findByEmail(demo.email);
        if (!user) throw error;
      }
    }
    if (!user.passwordHash || !(await bcrypt.compare(password, user.passwordHash))) {
      await db.users.setPasswordHash(user.id, await bcrypt.hash(password, BCRYPT_ROUNDS));
    }
  }
}
