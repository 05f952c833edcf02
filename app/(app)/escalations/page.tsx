import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { issuesText, parseSearchParams, toURLSearchParams, type SearchParamsInput } from "@/lib/core/schemas";
import { listUnitOptions } from "@/lib/plan/units";
import { listEscalations, openStepsByLevel } from "@/lib/escalation/escalations";
import { canManageEscalation, escalationScope, ESCALATION_STEPS, STEP_LABELS } from "@/lib/escalation/rules";
import { ESCALATION_STATES, STATE_LABELS, escalationFiltersSchema, type EscalationFilters } from "@/lib/escalation/schemas";
import { EscalationTable } from "@/components/escalation/escalation-table";
import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { ExportLink } from "@/components/ui/export-link";

export const metadata = { title: "督办台账" };

const SHOWN = 500;

export default async function EscalationsPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePermission("report:read");
  const params = await searchParams;
  const parsed = parseSearchParams(escalationFiltersSchema, params);
  const filters: EscalationFilters = parsed.success ? parsed.data : {};
  const scope = escalationScope(user);
  const allUnits = scope !== "none" && scope.unitId === null;
  const [steps, units, levels] = await Promise.all([
    listEscalations(user, filters, SHOWN),
    allUnits ? listUnitOptions() : [],
    allUnits ? openStepsByLevel() : null,
  ]);
  const search = parsed.success ? toURLSearchParams(params).toString() : "";
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">督办台账</h1>
          <p className="text-sm text-slate-700">
            {allUnits
              ? "省生态环境厅对进展滞后单位的催办、函告、通报、约谈和挂牌督办，逐级升级；单位填报落实情况后由省生态环境厅办结。"
              : `${user.unitName ?? "本单位"}收到的催办、函告、通报、约谈和挂牌督办；请在整改期限前填报落实情况。`}
          </p>
          {levels && (
            <p className="mt-1 text-sm text-slate-700">
              未办结：
              {levels.map((level) => `${STEP_LABELS[level.step]} ${level.open} 项`).join("，")}。
            </p>
          )}
        </div>
        <div className="no-print flex gap-2">
          {canManageEscalation(user) && (
            <Link href="/escalations/new" className="rounded bg-red-800 px-3 py-1.5 text-sm text-white">
              发起督办
            </Link>
          )}
          <ExportLink href={`/api/escalations/xlsx${search ? `?${search}` : ""}`} />
        </div>
      </header>
      {!parsed.success && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效，已忽略：{issuesText(parsed.error)}
        </p>
      )}
      <FilterForm action="/escalations">
        <FilterSelect
          name="level"
          label="督办方式"
          value={filters.level}
          options={ESCALATION_STEPS.map((step) => ({ value: step, label: STEP_LABELS[step] }))}
        />
        <FilterSelect
          name="state"
          label="状态"
          value={filters.state}
          options={ESCALATION_STATES.map((state) => ({ value: state, label: STATE_LABELS[state] }))}
        />
        {allUnits && (
          <FilterSelect
            name="unit"
            label="单位"
            value={filters.unit}
            options={units.map((unit) => ({ value: unit.code, label: unit.shortName }))}
          />
        )}
        {filters.task !== undefined && <input type="hidden" name="task" value={filters.task} />}
      </FilterForm>
      <section aria-label="督办事项" className="rounded-lg border border-slate-200 bg-white p-5">
        {filters.task !== undefined && (
          <p className="text-sm text-slate-700">
            任务 {filters.task} 的督办事项。
            <Link href={`/tasks/${filters.task}`} className="ml-2 text-blue-800 hover:underline">
              查看任务
            </Link>
          </p>
        )}
        <EscalationTable steps={steps} showUnit={allUnits} />
        {steps.length === SHOWN && <p className="mt-2 text-sm text-slate-600">只显示最近 {SHOWN} 项，请缩小筛选范围或导出 Excel。</p>}
      </section>
    </div>
  );
}
