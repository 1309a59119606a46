import "server-only";

/**
 * Whether a merchant data deletion waits for a second admin's approval:
 * `PRIVACY_DELETION_APPROVAL=second_admin` (default `none`). Read on each
 * request so a test or an operator's restart with a new value takes effect.
 */
export function deletionApprovalRequired(): boolean {
  const v = (process.env.PRIVACY_DELETION_APPROVAL ?? "none").trim().toLowerCase();
  if (v === "none" || v === "" || v === "off") return false;
  if (v === "second_admin" || v === "required" || v === "on") return true;
  console.error(`PRIVACY_DELETION_APPROVAL=${v} is not none or second_admin: requiring approval to be safe`);
  return true;
}
