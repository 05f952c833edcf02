import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { chinaToday } from "@/lib/core/quarters";

/** The own unit's report of the current year. */
export default async function AnnualReportsPage() {
  await requirePermission("report:write");
  redirect(`/annual-reports/${chinaToday().slice(0, 4)}`);
}
