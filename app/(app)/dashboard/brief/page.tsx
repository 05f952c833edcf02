import { PrintButton } from "@/components/dashboard/print-button";
import { VerdictBadge } from "@/components/indicators/verdict-badge";
import { TableHead } from "@/components/ui/table-head";
import { requirePermission } from "@/lib/auth/session";
import { briefReportsText, quarterBrief, type QuarterBrief } from "@/lib/dashboard/brief";
import { TASK_STATUS_ORDER } from "@/lib/dashboard/dashboard";
import { STATUS_LABELS } from "@/lib/status/status-rules";
import { chinaToday, formatQuarter, quarterLabel } from "@/lib/core/quarters";
import { formatChineseDate } from "@/lib/core/dates";
import { formatShare } from "@/lib/core/shares";
import { dashboardHref, parseDashboardQuery } from "@/lib/dashboard/filters";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { BriefEscalations } from "@/components/escalation/brief-escalations";

export const metadata = { title: "本季度变化" };

const CELL = "px-1.5 py-0.5";

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid">
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Up to this many changed tasks are listed with their titles; more are grouped by change to keep one page. */
const LISTED_CHANGES = 8;

function transitions(changes: QuarterBrief["statusChanges"]) {
  const groups = new Map<string, { label: string; tasks: number[] }>();
  for (const change of changes) {
    const key = `${change.before}>${change.now}`;
    const group = groups.get(key) ?? { label: `${STATUS_LABELS[change.before]} → ${STATUS_LABELS[change.now]}`, tasks: [] };
    group.tasks.push(change.number);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, group]) => ({ key, ...group }));
}

/** 催办/通报 of one day, level and quarter together: "2026年12月1日 催办（2026年第三季度）：南昌市、九江市". */
function reminderGroups(reminders: QuarterBrief["reminders"]) {
  const groups = new Map<string, { day: string; level: string; quarter: string; units: string[] }>();
  for (const reminder of reminders) {
    const day = chinaToday(reminder.createdAt);
    const key = `${day}|${reminder.level}|${formatQuarter(reminder.quarter)}`;
    const group = groups.get(key) ?? {
      day,
      level: reminder.level === "CIRCULATE" ? "通报" : "催办",
      quarter: quarterLabel(reminder.quarter),
      units: [],
    };
    if (!group.units.includes(reminder.unit)) group.units.push(reminder.unit);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, group]) => ({ key, ...group }));
}

export default async function BriefPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("dashboard:read");
  const { query } = parseDashboardQuery(await searchParams);
  const brief = await quarterBrief(query.quarter);
  const { reports, period } = brief;
  const remindCount = brief.reminders.filter((reminder) => reminder.level === "REMIND").length;
  const circulateCount = brief.reminders.length - remindCount;
  const notYet = brief.late.filter((unit) => unit.submitted === 0);
  const partly = brief.late.filter((unit) => unit.submitted > 0);
  return (
    <article className="brief mx-auto max-w-[180mm] space-y-3 bg-white p-6 text-[14px] leading-5">
      <style>{`@page { size: A4; margin: 12mm; } @media print { main { padding: 0 !important; } .brief { padding: 0 !important; font-size: 12px; } }`}</style>
      <Breadcrumb href={dashboardHref("/dashboard", query)} label="总览">
        本季度变化
      </Breadcrumb>
      <div className="flex items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold">美丽江西建设本季度变化简报（{quarterLabel(brief.now.collecting)}）</h1>
          <p className="text-sm text-slate-700">
            统计期：{formatChineseDate(period.firstDay)}至{formatChineseDate(period.lastDay)}
            （上季度报送截止次日起）；任务状态和指标判断仅计审核通过的报告和数值。
          </p>
        </div>
        <PrintButton />
      </div>

      <Section id="b-reports" title="一、报告报送与审核">
        <p>
          统计期内收到报告 {reports.totals.received} 份，审核通过 {reports.totals.accepted} 份，退回 {reports.totals.returned} 份。
        </p>
        {reports.units.length > 0 && (
          <div className="mt-1 grid gap-2 sm:grid-cols-[auto_1fr] print:grid-cols-[auto_1fr]">
            <table className="text-xs" aria-label="按篇章">
              <TableHead columns={["篇章", "收到", "通过", "退回"]} dense />
              <tbody>
                {reports.sections.map((row) => (
                  <tr key={row.section} className="border-t border-slate-200">
                    <th scope="row" className={`${CELL} text-left font-normal`} title={row.title}>
                      第{row.section}篇
                    </th>
                    <td className={`${CELL} tabular-nums`}>{row.received}</td>
                    <td className={`${CELL} tabular-nums`}>{row.accepted}</td>
                    <td className={`${CELL} tabular-nums`}>{row.returned}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="w-full text-xs" aria-label="按单位">
              <TableHead columns={["单位", "收到", "通过", "退回", "审核通过的报告", "退回的报告"]} dense />
              <tbody>
                {reports.units.map((row) => (
                  <tr key={row.unit} className="border-t border-slate-200 align-top">
                    <th scope="row" className={`${CELL} text-left font-normal whitespace-nowrap`}>
                      {row.unit}
                    </th>
                    <td className={`${CELL} tabular-nums`}>{row.received}</td>
                    <td className={`${CELL} tabular-nums`}>{row.accepted}</td>
                    <td className={`${CELL} tabular-nums`}>{row.returned}</td>
                    <td className={CELL}>{briefReportsText(row.acceptedTasks, brief.now.collecting) || "—"}</td>
                    <td className={CELL}>{briefReportsText(row.returnedTasks, brief.now.collecting) || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id="b-status" title={`二、状态发生变化的任务（${brief.statusChanges.length} 项）`}>
        <table className="mt-1 w-full text-xs" aria-label="任务状态">
          <TableHead columns={["", ...TASK_STATUS_ORDER.map((status) => STATUS_LABELS[status])]} dense />
          <tbody>
            {(
              [
                [`上期（${formatChineseDate(brief.before.today)}）`, brief.countsBefore],
                [`本期（${formatChineseDate(brief.now.today)}）`, brief.countsNow],
              ] as const
            ).map(([label, counts]) => (
              <tr key={label} className="border-t border-slate-200">
                <th scope="row" className={`${CELL} text-left font-normal whitespace-nowrap`}>
                  {label}
                </th>
                {TASK_STATUS_ORDER.map((status) => (
                  <td key={status} className={`${CELL} tabular-nums`}>
                    {counts[status]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {brief.statusChanges.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-6">
            {brief.statusChanges.length <= LISTED_CHANGES
              ? brief.statusChanges.map((task) => (
                  <li key={task.number}>
                    {task.number}. {task.title}：{STATUS_LABELS[task.before]} → {STATUS_LABELS[task.now]}
                  </li>
                ))
              : transitions(brief.statusChanges).map((group) => (
                  <li key={group.key}>
                    {group.label}：任务{group.tasks.join("、")}
                  </li>
                ))}
          </ul>
        )}
      </Section>

      <Section id="b-values" title={`三、审核通过的指标数值（${brief.values.length} 个）`}>
        {brief.values.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-6">
            {brief.values.map((value, index) => (
              <li key={index}>
                {value.label}：{value.value} {value.measureUnit}（{value.period}）
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="b-verdicts" title={`四、判断发生变化的指标（${brief.verdictChanges.length} 项）`}>
        {brief.verdictChanges.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-6">
            {brief.verdictChanges.map((change) => (
              <li key={change.code}>
                {change.name}：<VerdictBadge verdict={change.before} /> → <VerdictBadge verdict={change.now} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="b-reminders" title={`五、催办与通报（催办 ${remindCount} 次，通报 ${circulateCount} 次）`}>
        {brief.reminders.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-6">
            {reminderGroups(brief.reminders).map((group) => (
              <li key={group.key}>
                {formatChineseDate(group.day)} {group.level}（{group.quarter}报告）：{group.units.join("、")}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="b-late" title={`六、${quarterLabel(brief.now.lastClosed)}报告仍未报齐的单位（${brief.late.length} 个）`}>
        {brief.late.length === 0 ? (
          <p>无。</p>
        ) : (
          <>
            {notYet.length > 0 && <p>尚未报送：{notYet.map((unit) => unit.unit).join("、")}。</p>}
            {partly.length > 0 && (
              <p>
                部分报送：
                {partly
                  .map((unit) => `${unit.unit}（已报 ${unit.submitted}/${unit.owed}，${formatShare(unit.submitted, unit.owed)}）`)
                  .join("、")}
                。
              </p>
            )}
          </>
        )}
      </Section>

      <Section
        id="b-coordination"
        title={`七、需协调事项（本期提出 ${brief.coordination.raised.length} 项，办结 ${brief.coordination.closed.length} 项，尚未办结 ${brief.coordination.open.length} 项）`}
      >
        {brief.coordination.raised.length + brief.coordination.closed.length + brief.coordination.open.length === 0 ? (
          <p>无。</p>
        ) : (
          <ul className="list-disc pl-5">
            {[
              ...new Map(
                [...brief.coordination.raised, ...brief.coordination.closed, ...brief.coordination.open].map((issue) => [issue.id, issue]),
              ).values(),
            ].map((issue) => (
              <li key={issue.id}>
                任务{issue.task} · {issue.title}（{issue.raisedBy} → {issue.addressedTo}）：
                {[issue.raisedInPeriod && "本期提出", issue.closedInPeriod ? "本期办结" : issue.openAtEnd && "尚未办结"]
                  .filter(Boolean)
                  .join("，")}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <BriefEscalations number="八" steps={brief.escalations} />
    </article>
  );
}
