import Link from "next/link";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/accounts";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "./nav-links";

export function AppHeader({
  user,
  links,
  unreadNotices = null,
}: {
  user: SessionUser;
  links: { href: string; label: string }[];
  /** The user's unread notices; null: no inbox for this role. */
  unreadNotices?: number | null;
}) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          美丽江西建设推进管理平台
        </Link>
        <NavLinks links={links} />
        <div className="ml-auto flex basis-full flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm md:basis-auto md:justify-start">
          <span>
            {user.displayName}
            <span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-slate-700">
              {ROLE_LABELS[user.role]}
              {user.unitName ? ` · ${user.unitName}` : ""}
            </span>
          </span>
          {unreadNotices !== null && (
            <Link
              href="/notices"
              aria-label={unreadNotices > 0 ? `收件箱，${unreadNotices} 条未读` : "收件箱"}
              className="inline-flex min-h-11 items-center gap-1 text-sm text-slate-700 hover:underline sm:min-h-0"
            >
              收件箱
              {unreadNotices > 0 && (
                <span className="rounded-full bg-red-700 px-1.5 text-xs leading-5 font-semibold text-white tabular-nums">
                  {unreadNotices > 99 ? "99+" : unreadNotices}
                </span>
              )}
            </Link>
          )}
          <Link
            href="/account/password"
            className="inline-flex min-h-11 items-center text-sm text-slate-700 hover:underline sm:inline sm:min-h-0"
          >
            修改密码
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
