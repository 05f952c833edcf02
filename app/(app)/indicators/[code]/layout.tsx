import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { indicatorExists } from "@/lib/indicators/catalogue";

/**
 * Checked before the loading state streams, so a refusal is a real redirect to the 403 page and an
 * unknown indicator a real 404; the page checks again.
 */
export default async function IndicatorLayout({ children, params }: { children: React.ReactNode; params: Promise<{ code: string }> }) {
  await requirePermission("plan:read");
  if (!(await indicatorExists((await params).code))) notFound();
  return children;
}
