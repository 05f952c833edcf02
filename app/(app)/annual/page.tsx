import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { chinaToday } from "@/lib/core/quarters";

export default async function AnnualIndexPage() {
  await requirePermission("annual:read");
  redirect(`/annual/${Math.min(Number(chinaToday().slice(0, 4)), 2035)}`);
}
