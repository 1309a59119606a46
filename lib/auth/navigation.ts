import { hasRole, type Role } from "./roles";

/**
 * The console's sections and the least role that may open each. The shell
 * shows links from this table and every section page enforces it on the
 * server (a hidden link is not a permission check).
 */
export interface NavItem {
  href: "/merchants" | "/onboard" | "/operations" | "/bulk" | "/privacy" | "/audit" | "/settings";
  label: string;
  minRole: Role;
  description: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/merchants", label: "Merchants", minRole: "support", description: "Browse, search and edit merchants." },
  { href: "/onboard", label: "Onboard", minRole: "account_manager", description: "Onboard a new merchant." },
  { href: "/operations", label: "Operations", minRole: "support", description: "Track the operations you started." },
  { href: "/bulk", label: "Bulk jobs", minRole: "support", description: "Changes made to many merchants at once." },
  {
    href: "/privacy",
    label: "Privacy",
    minRole: "admin",
    description: "Consumer privacy requests and data deletions.",
  },
  { href: "/audit", label: "Audit", minRole: "admin", description: "Who did what, when, and the outcome." },
  {
    href: "/settings",
    label: "Settings",
    minRole: "admin",
    description: "Users and roles, the partner taxonomy, layout imports, controls templates and the console's health.",
  },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => hasRole(role, item.minRole));
}

/** The section a path belongs to (e.g. "/merchants/123/theme" -> Merchants), or undefined for "/" and others. */
export function sectionFor(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
}

/** Whether a role may open a console path. Paths outside the sections (home) are open to every role. */
export function canOpen(role: Role, pathname: string): boolean {
  const section = sectionFor(pathname);
  return section === undefined || hasRole(role, section.minRole);
}
