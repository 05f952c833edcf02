"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";

/**
 * The main navigation: a row of links from md up; below md (a phone) folded behind a 菜单 button
 * (a disclosure: aria-expanded, Escape closes it and returns to the button).
 */
export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // Open on the page it was opened on: following one of its links folds it again.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  // The most specific link is the current one (/review/measures, not also /review).
  const matches = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const currentHref = links.filter((link) => matches(link.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const closeOnEscape = (event: React.KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpenOn(null);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpenOn(open ? null : pathname)}
        onKeyDown={closeOnEscape}
        className="ml-auto inline-flex min-h-11 items-center gap-2 rounded border border-slate-300 px-3 text-sm hover:bg-slate-100 md:hidden"
      >
        <span aria-hidden="true">☰</span>
        菜单
      </button>
      <nav id="main-nav" aria-label="主导航" className={`${open ? "" : "hidden"} w-full md:block md:w-auto`} onKeyDown={closeOnEscape}>
        <ul className="grid grid-cols-2 gap-1 md:flex md:flex-wrap">
          {links.map((link) => {
            const current = link.href === currentHref;
            return (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={current ? "page" : undefined}
                  className={`flex min-h-11 items-center rounded px-3 text-sm md:inline md:min-h-0 md:py-1.5 ${current ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
