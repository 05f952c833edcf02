import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { parseSearchParams, type SearchParamsInput } from "@/lib/core/schemas";
import { listIssues } from "@/lib/coordination/coordination";
import { COORDINATION_STATUSES, COORDINATION_STATUS_LABELS, coordinationFiltersSchema } from "@/lib/coordination/schemas";
import { IssueTable } from "@/components/coordination/issue-table";

export const metadata = { title: "需协调事项" };

export default async function CoordinationPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePermission("coordination:read");
  const parsed = parseSearchParams(coordinationFiltersSchema, await searchParams);
  const filters = parsed.success ? parsed.data : {};
  const issues = await listIssues(user, filters);
  const choices = [{ href: "/coordination", label: "全部", current: !filters.status }].concat(
    COORDINATION_STATUSES.map((status) => ({
      href: `/coordination?status=${status}`,
      label: COORDINATION_STATUS_LABELS[status],
      current: filters.status === status,
    })),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">需协调事项</h1>
      <p className="text-sm text-slate-600">
        {user.role === "STAFF" ? `${user.unitName ?? "本单位"}提出的和需本单位协调的事项。` : "各单位提出的全部需协调事项。"}
        在进展填报页面可就该任务提出新的事项。
      </p>
      <nav aria-label="按状态筛选" className="flex flex-wrap gap-2 text-sm">
        {choices.map((choice) => (
          <Link
            key={choice.href}
            href={choice.href}
            aria-current={choice.current ? "page" : undefined}
            className={`rounded border px-3 py-1 ${choice.current ? "border-brand-700 bg-brand-50 font-semibold" : "border-slate-300 bg-white"}`}
          >
            {choice.label}
          </Link>
        ))}
      </nav>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <IssueTable issues={issues} />
      </section>
    </div>
  );
}
