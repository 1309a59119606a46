import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { BACKENDS, type TestDatabase } from "@/server/db/test-backends";
import { DEMO_USERS, seedDemoUsers } from "./demo-users";

describe.each(BACKENDS)("demo users on $name", (backend) => {
  let test: TestDatabase | undefined;
  afterAll(async () => {
    await test?.cleanup();
  });

  it("seeds once, safely from two instances at the same time, and keeps admins' changes", async () => {
    test = await backend.create();
    const [a, b] = [await test.open(), await test.open()];
    await Promise.all([seedDemoUsers(a, "first-password"), seedDemoUsers(b, "first-password")]);
    const users = await a.users.list();
    expect(users.map((u) => [u.email, u.role]).sort()).toEqual(DEMO_USERS.map((u) => [u.email, u.role]).sort());
    for (const u of users) expect(await bcrypt.compare("first-password", u.passwordHash ?? "")).toBe(true);

    const support = users.find((u) => u.email === "support@demo.test")!;
    await a.users.setRole(support.id, "account_manager");
    await seedDemoUsers(b, "first-password");
    expect((await a.users.findById(support.id))?.role).toBe("account_manager");
    expect(await a.users.list()).toHaveLength(3);
  });

  it("follows a changed DEMO_PASSWORD", async () => {
    const db = await test!.open();
    await seedDemoUsers(db, "second-password");
    const admin = await db.users.findByEmail("admin@demo.test");
    expect(await bcrypt.compare("second-password", admin?.passwordHash ?? "")).toBe(true);
    expect(await bcrypt.compare("first-password", admin?.passwordHash ?? "")).toBe(false);
  });
});
