import { formatChineseDate } from "@/lib/core/dates";
import { quarterLabel } from "@/lib/core/quarters";
import type { BriefEscalation } from "@/lib/escalation/escalations";
import { STEP_LABELS } from "@/lib/escalation/rules";

/** The quarterly brief's section on the ladder: the steps still open at the period's end, highest level first. */
export function BriefEscalations({ number, steps }: { number: string; steps: readonly BriefEscalation[] }) {
  return (
    <section aria-labelledby="b-escalations" className="break-inside-avoid">
      <h2 id="b-escalations" className="font-semibold">
        {number}、督办事项（尚未办结 {steps.length} 项）
      </h2>
      {steps.length === 0 ? (
        <p>无。</p>
      ) : (
        <ul className="list-disc pl-5">
          {steps.map((step) => (
            <li key={step.id}>
              {STEP_LABELS[step.step]}
              {step.documentNumber ? `（${step.documentNumber}）` : ""} · {step.unit} ·{" "}
              {[step.task !== null && `任务${step.task}`, step.quarter && quarterLabel(step.quarter)].filter(Boolean).join("，")}：整改期限
              {formatChineseDate(step.deadline)}，{step.responded ? "已填报落实情况" : "尚未填报落实情况"}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
