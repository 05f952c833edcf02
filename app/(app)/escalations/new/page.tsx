import Link from "next/link";
import { z } from "@/lib/core/zod";
import { requirePermission } from "@/lib/auth/session";
import { idSchema, parseSearchParams, quarterSchema, taskNumberSchema, unitCodeSchema, type SearchParamsInput } from "@/lib/core/schemas";
import {
  addDays,
  addQuarters,
  chinaToday,
  formatQuarter,
  PLAN_FIRST_QUARTER,
  quarterIndex,
  quarterLabel,
  quarterOfDate,
} from "@/lib/core/quarters";
import { listUnitOptions } from "@/lib/plan/units";
import { draftReason, openStepOn } from "@/lib/escalation/escalations";
import { allowedNextSteps, ESCALATION_STEPS, STEP_LABELS, type EscalationStepName } from "@/lib/escalation/rules";
import { EscalateForm } from "@/components/escalation/escalate-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata = { title: "发起督办" };

/** What the form may start with, from a task's or unit's page or from a 催办 on /reminders (升级督办). */
const prefillSchema = z.object({
  unit: unitCodeSchema().optional().catch(undefined),
  task: taskNumberSchema.optional().catch(undefined),
  quarter: quarterSchema.optional().catch(undefined),
  step: z.enum(ESCALATION_STEPS).optional().catch(undefined),
  reminder: idSchema("催办编号无效").optional().catch(undefined),
});

/** The usual time a unit is given to act: two weeks. */
const DEFAULT_DAYS = 14;

export default async function NewEscalationPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await requirePermission("report:review");
  const parsed = parseSearchParams(prefillSchema, await searchParams);
  const prefill = parsed.success ? parsed.data : {};
  const today = chinaToday();
  const draft = await draftReason(prefill, today);
  const [units, open] = await Promise.all([
    listUnitOptions(),
    draft.unit && (prefill.task !== undefined || draft.quarter)
      ? openStepOn({ unit: draft.unit, task: prefill.task, quarter: draft.quarter })
      : null,
  ]);
  const current = quarterOfDate(today);
  const quarters = Array.from({ length: quarterIndex(current) - quarterIndex(PLAN_FIRST_QUARTER) + 1 }, (_, index) =>
    addQuarters(current, -index),
  );
  const steps = allowedNextSteps(open ? { step: open.step, closed: false } : null);
  // From a 催办 the usual next step is 函告.
  const step: EscalationStepName | undefined = prefill.step ?? (prefill.reminder ? "LETTER" : undefined);
  return (
    <div className="space-y-4">
      <Breadcrumb href="/escalations" label="督办台账">
        发起督办
      </Breadcrumb>
      <h1 className="text-2xl font-semibold">发起督办</h1>
      <p className="text-sm text-slate-700">
        对进展滞后的单位，按催办、函告、通报、约谈、挂牌督办逐级升级（可越级，不可降级）；函告、通报和挂牌督办自动编文号并生成 Word
        文件。发出后立即通知该单位的填报人和单位负责人。
      </p>
      {open && (
        <p role="note" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          该事项已有未办结的{STEP_LABELS[open.step]}
          {open.documentNumber ? `（${open.documentNumber}）` : ""}，只能升级为{steps.map((item) => STEP_LABELS[item]).join("、")}。
          <Link href={`/escalations/${open.id}`} className="ml-2 text-blue-800 hover:underline">
            查看该督办
          </Link>
        </p>
      )}
      <section aria-label="督办内容" className="rounded-lg border border-slate-200 bg-white p-5">
        <EscalateForm
          steps={steps.map((item) => ({ value: item, label: STEP_LABELS[item] }))}
          units={units.map((unit) => ({ value: unit.code, label: unit.shortName }))}
          quarters={quarters.map((quarter) => ({ value: formatQuarter(quarter), label: quarterLabel(quarter) }))}
          defaults={{
            unit: draft.unit,
            task: prefill.task,
            quarter: draft.quarter ? formatQuarter(draft.quarter) : undefined,
            step: step && steps.includes(step) ? step : undefined,
            reason: draft.reason,
            requiredAction: "",
            deadline: addDays(today, DEFAULT_DAYS),
          }}
        />
      </section>
    </div>
  );
}
