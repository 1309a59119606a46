/**
 * Roles are cumulative: account managers can do all that support can, admins
 * all that account managers can. Shared by the server (enforcement) and the
 * browser (what to show); the server is the only one that decides.
 */
export const ROLES = ["support", "account_manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  support: "Support",
  account_manager: "Account manager",
  admin: "Admin",
};

const RANK: Record<Role, number> = { support: 1, account_manager: 2, admin: 3 };

export function hasRole(userRole: Role, required: Role): boolean {
  return RANK[userRole] >= RANK[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
