import Link from "next/link";
import { notFound } from "next/navigation";
import { UNIT_CODE } from "@/lib/core/schemas";
import { requirePermission } from "@/lib/auth/session";
import { getUnitWithWork } from "@/lib/plan/units";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { TableHead } from "@/components/ui/table-head";
import { can } from "@/lib/auth/roles";
import { rankUnits } from "@/lib/dashboard/dashboard";
import { dashboardHref } from "@/lib/dashboard/filters";
import { RANKING_RULE_TEXT } from "@/lib/dashboard/unit-ranking";
import { rankText } from "@/lib/core/ranking";
import { formatShare } from "@/lib/core/shares";
import { EscalationPanel } from "@/components/escalation/escalation-panel";

export default async function UnitPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePermission("plan:read");
  const { code } = await params;
  const unit = UNIT_CODE.test(code) ? await getUnitWithWork(code) : null;
  if (!unit) notFound();
  const ranking = can(user.role, "dashboard:read") ? await rankUnits(unit.kind) : null;
  const rank = ranking?.units.find((candidate) => candidate.code === unit.code);
  return (
    <article className="space-y-6">
      <Breadcrumb href="/units" label="责任单位">
        {unit.shortName}
      </Breadcrumb>
      <header>
        <h1 className="text-2xl font-semibold">{unit.shortName}</h1>
        <p className="text-slate-700">
          {unit.name} · {unit.kind === "CITY" ? "设区市" : "省直单位"} · 代码 <span className="font-mono">{unit.code}</span>
        </p>
        {ranking && rank && (
          <p className="mt-1 text-slate-700">
            推进排名：在 {ranking.total} 个{unit.kind === "CITY" ? "设区市" : "省直单位"}中{rankText(rank)}，滞后或逾期 {rank.lagging} /{" "}
            {rank.assignments} 项（{formatShare(rank.lagging, rank.assignments)}），平均完成 {rank.averagePercent}%。{" "}
            <Link
              href={dashboardHref("/dashboard/tasks", { [unit.kind === "CITY" ? "city" : "unit"]: unit.code }, { status: "LAGGING" })}
              className="text-blue-800 hover:underline"
            >
              查看滞后或逾期的任务 →
            </Link>
            <span className="block text-sm text-slate-600">{RANKING_RULE_TEXT}</span>
          </p>
        )}
      </header>
      <EscalationPanel user={user} unit={unit.code} />
      <section aria-labelledby="unit-tasks" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="unit-tasks" className="text-lg font-semibold">
          承担的重点任务（{unit.tasks.length} 项）
        </h2>
        <table className="mt-3 w-full text-sm">
          <TableHead columns={["序号", "重点任务", "篇章", "完成时限", "角色"]} />
          <tbody>
            {unit.tasks.map((task) => (
              <tr key={task.number} className="border-t border-slate-200">
                <td className="px-3 py-2 tabular-nums">{task.number}</td>
                <td className="px-3 py-2">
                  <Link href={`/tasks/${task.number}`} className="text-blue-800 hover:underline">
                    {task.title}
                  </Link>
                </td>
                <td className="px-3 py-2">{task.section.title}</td>
                <td className="px-3 py-2">
                  <time dateTime={task.deadlineDate}>{task.deadlineText}</time>
                </td>
                <td className="px-3 py-2">{task.isLead ? <strong>牵头</strong> : "责任单位"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="unit-indicators" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="unit-indicators" className="text-lg font-semibold">
          负责的目标指标（{unit.ownedIndicators.length} 项）
        </h2>
        {unit.ownedIndicators.length === 0 ? (
          <p className="mt-2 text-slate-600">无。</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {unit.ownedIndicators.map((indicator) => (
              <li key={indicator.code}>
                <Link href={`/indicators#${indicator.code}`} className="text-blue-800 hover:underline">
                  {indicator.name}
                </Link>
                （{indicator.measureUnit}）
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
