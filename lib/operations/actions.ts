/**
 * The actions a person filters by, named as people say them; each covers the
 * audit/journal action names (prefixes) of the merchant pages and the
 * onboarding wizard alike.
 */
export interface ActionFilter {
  key: string;
  label: string;
  prefixes: readonly string[];
}

export const ACTION_FILTERS: readonly ActionFilter[] = [
  { key: "privacy", label: "Privacy request", prefixes: ["privacy.network_request"] },
  { key: "deletion", label: "Data deletion", prefixes: ["merchant.data_deletion"] },
  { key: "controls", label: "Controls update", prefixes: ["merchant.controls.update", "onboarding.controls"] },
  { key: "status", label: "Status change", prefixes: ["merchant.status.update", "onboarding.activate"] },
  { key: "theme", label: "Theme update", prefixes: ["merchant.layout.theme", "onboarding.theme"] },
  { key: "pages", label: "Pages change", prefixes: ["merchant.pages.add", "merchant.page.switch_layout"] },
  { key: "payout", label: "Payout setup", prefixes: ["merchant.payout.setup", "onboarding.payout"] },
  { key: "register", label: "Register", prefixes: ["merchant.register", "onboarding.register"] },
  { key: "sign_in", label: "Sign-in", prefixes: ["auth.sign_in", "auth.sign_out"] },
  { key: "denied", label: "Refused request", prefixes: ["request.denied"] },
  { key: "users", label: "User change", prefixes: ["user."] },
  { key: "knowledge", label: "Knowledge import", prefixes: ["knowledge.import"] },
];

/** The prefixes a filter value stands for: a known key, or a raw action prefix as typed. */
export function actionPrefixes(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const known = ACTION_FILTERS.find((f) => f.key === value);
  return known ? [...known.prefixes] : [value];
}

export function actionLabel(action: string): string {
  const found = ACTION_FILTERS.find((f) => f.prefixes.some((p) => action.startsWith(p)));
  if (!found) return action;
  if (action === "merchant.data_deletion.approve") return "Data deletion approval";
  if (action === "auth.sign_out") return "Sign-out";
  if (action.startsWith("auth.sign_in_failed")) return "Sign-in failed";
  return found.label;
}
