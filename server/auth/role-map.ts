import "server-only";
import { isRole, type Role } from "@/lib/auth/roles";

/**
 * OIDC_ROLE_MAP: "group-or-email=role,…". A user matching several entries gets
 * the highest role among them; matching none is refused at sign-in.
 */
export interface RoleMapEntry {
  key: string; // lowercased group name or email
  role: Role;
}

export function parseRoleMap(source: string): RoleMapEntry[] {
  const entries: RoleMapEntry[] = [];
  for (const part of source.split(",")) {
    const trimmed = part.trim();
    if (trimmed === "") continue;
    const eq = trimmed.lastIndexOf("=");
    const key = eq > 0 ? trimmed.slice(0, eq).trim().toLowerCase() : "";
    const role = eq > 0 ? trimmed.slice(eq + 1).trim() : "";
    if (key === "" || !isRole(role)) {
      throw new Error(
        `OIDC_ROLE_MAP: "${trimmed}" is not "group-or-email=role" with role support, account_manager or admin`,
      );
    }
    entries.push({ key, role });
  }
  return entries;
}

const RANK: Record<Role, number> = { support: 1, account_manager: 2, admin: 3 };

export function resolveRole(entries: RoleMapEntry[], identity: { email: string; groups: string[] }): Role | null {
  const keys = new Set([identity.email.toLowerCase(), ...identity.groups.map((g) => g.toLowerCase())]);
  let best: Role | null = null;
  for (const entry of entries) {
    if (keys.has(entry.key) && (best === null || RANK[entry.role] > RANK[best])) best = entry.role;
  }
  return best;
}

/** Groups claims come as string arrays, a single string, or not at all. */
export function groupsFromProfile(profile: Record<string, unknown> | undefined): string[] {
  const raw = profile?.groups ?? profile?.roles;
  if (Array.isArray(raw)) return raw.filter((g): g is string => typeof g === "string");
  if (typeof raw === "string") return raw.split(/[\s,]+/).filter(Boolean);
  return [];
}
