import Link from "next/link";
import type { ReactNode } from "react";
import { RunningTray } from "@/components/operations/running-tray";
import { MainNav } from "@/components/shell/main-nav";
import { Providers } from "@/components/shell/providers";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { UserMenu } from "@/components/shell/user-menu";
import { Badge } from "@/components/ui/badge";
import { navFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireSessionUser } from "@/server/auth";
import { getEnv } from "@/server/env";
import { signOutAction } from "./actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  const links = navFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <Providers>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-accent focus:px-4 focus:py-2 focus:text-accent-fg"
      >
        Skip to content
      </a>
      <header className="flex h-14 items-center gap-3 border-b border-border bg-surface px-4">
        <Link href="/" className="truncate whitespace-nowrap rounded-md text-base font-semibold text-fg">
          Partner Console
        </Link>
        {getEnv().sandboxMode ? (
          <Badge tone="warning" title="Connected to the built-in sandbox, not the real Partnerships API">
            Sandbox
          </Badge>
        ) : null}
        <div className="ml-auto flex items-center gap-2">
          <RunningTray />
          <ThemeToggle />
          <UserMenu
            name={user.name}
            email={user.email}
            roleLabel={ROLE_LABELS[user.role]}
            signOutAction={signOutAction}
          />
        </div>
      </header>
      <div className="flex min-h-[calc(100vh-3.5rem)] flex-col md:flex-row">
        <MainNav links={links} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-8">
          {children}
        </main>
      </div>
    </Providers>
  );
}
