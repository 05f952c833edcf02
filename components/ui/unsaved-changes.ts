"use client";

import { useEffect } from "react";

export const LEAVE_QUESTION = "本页有尚未保存的内容，离开后将丢失。确定要离开吗？";

/** Clicks already answered by one form's guard: a page with two unsaved forms asks once. */
const asked = new WeakSet<Event>();

/** The same-origin page an ordinary left click on this element would open, if any. */
function inAppDestination(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return null;
  if (anchor.target && anchor.target !== "_self") return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  // A jump within the page (#section) leaves nothing behind.
  if (url.pathname === window.location.pathname && url.search === window.location.search) return null;
  return url;
}

/**
 * While `active`, leaving the page asks first: reload and close through the browser's own
 * question (beforeunload), and every in-app link — navigation bar, breadcrumb, any Next `Link` —
 * through a confirmation. The click listener runs on the document in the capture phase, before
 * React's root listener where `Link` starts its client-side navigation, so a "stay" stops both.
 */
export function useUnsavedChangesGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    const click = (event: MouseEvent) => {
      if (asked.has(event) || !inAppDestination(event)) return;
      asked.add(event);
      if (window.confirm(LEAVE_QUESTION)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [active]);
}
