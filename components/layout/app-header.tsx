import Link from "next/link";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/accounts";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "./nav-links";

export function AppHeader({ user, links }: { user: SessionUser; links: { href: string; label: string }[] }) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          美丽江西建设推进管理平台
        </Link>
        <NavLinks links={links} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span>
            {user.displayName}
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-slate-700">
              {ROLE_LABELS[user.role]}
              {user.unitName ? ` · ${user.unitName}` : ""}
            </span>
          </span>
          <Link href="/account/password" className="text-sm text-slate-700 hover:underline">
            修改密码
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
