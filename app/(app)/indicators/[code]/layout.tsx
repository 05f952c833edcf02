import { requirePermission } from "@/lib/auth/session";

/** Checked before the loading state streams, so a refusal is a real redirect to the 403 page; the pages check again. */
export default async function IndicatorLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("plan:read");
  return children;
}
