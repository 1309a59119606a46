import { z } from "zod";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";

/**
 * Settings → Users: the schemas the users table, the invite dialog, the invite
 * link page and the API routes share, and the last-admin rule the page shows
 * (disabled controls with a reason) and the server enforces.
 */

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });

export const patchUserBody = z
  .strictObject({
    role: role.optional(),
    disabled: z.boolean({ error: "must be true or false" }).optional(),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, "must change role or disabled");
export type PatchUserBody = z.infer<typeof patchUserBody>;

export const inviteUserBody = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter the email address.")
    .max(254, "Use at most 254 characters.")
    .pipe(z.email({ error: "Enter an email address like name@example.com." })),
  name: z.string().trim().min(1, "Enter the person's name.").max(120, "Use at most 120 characters."),
  role: z.enum(ROLES, { error: "Choose a role." }),
});
export type InviteUserBody = z.infer<typeof inviteUserBody>;

export const PASSWORD_MIN = 12;
export const acceptInviteForm = z
  .object({
    password: z
      .string()
      .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
      .max(200, "Use at most 200 characters."),
    confirm: z.string().min(1, "Type the password again."),
  })
  .refine((v) => v.confirm === "" || v.password === v.confirm, {
    path: ["confirm"],
    message: "The two passwords differ.",
  });
export type AcceptInviteForm = z.infer<typeof acceptInviteForm>;

/** How long an invite link works. */
export const INVITE_TTL_MS = 24 * 60 * 60 * 1000;

export interface AdminCandidate {
  id: string;
  role: Role;
  disabled: boolean;
}

export const LAST_ADMIN_REASON = "The only admin: make another admin first.";

/**
 * Why this change may not be made, or null. The console always keeps one enabled
 * admin: demoting or disabling the last one (oneself included) is refused.
 */
export function lastAdminRefusal(
  users: readonly AdminCandidate[],
  targetId: string,
  patch: { role?: Role; disabled?: boolean },
): string | null {
  const target = users.find((u) => u.id === targetId);
  if (target?.role !== "admin" || target.disabled) return null;
  const staysAdmin = (patch.role ?? "admin") === "admin" && patch.disabled !== true;
  if (staysAdmin) return null;
  const others = users.some((u) => u.id !== targetId && u.role === "admin" && !u.disabled);
  return others ? null : LAST_ADMIN_REASON;
}

/** Whether this user is the only enabled admin (their role select and Disable button are locked). */
export function isOnlyAdmin(users: readonly AdminCandidate[], id: string): boolean {
  return lastAdminRefusal(users, id, { disabled: true }) !== null;
}

/**
 * The sign-in method as the table shows it: the method of the last sign-in ("password" or the OIDC
 * provider's id), or for someone who never signed in, what their account allows.
 */
export function signInMethodLabel(method: string | null, account: { hasPassword: boolean; oidcName: string }): string {
  if (method === "password" || method === "credentials") return "Password";
  if (method === "oidc" || (method === null && !account.hasPassword)) return account.oidcName;
  return method ?? "Password";
}
