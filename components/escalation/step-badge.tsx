import { STEP_LABELS, stepLevel, type EscalationStepName } from "@/lib/escalation/rules";

/** Warmer the higher the level; the label and the level number are always written, so colour is never the only cue. */
const TONES = [
  "border-slate-300 bg-slate-50 text-slate-900",
  "border-amber-300 bg-amber-50 text-amber-900",
  "border-orange-300 bg-orange-50 text-orange-900",
  "border-red-300 bg-red-50 text-red-900",
  "border-red-500 bg-red-100 text-red-950",
];

export function StepBadge({ step }: { step: EscalationStepName }) {
  const level = stepLevel(step);
  return (
    <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[level - 1]}`}>
      {STEP_LABELS[step]}
      <span className="sr-only">（第{level}级）</span>
    </span>
  );
}

/** 未办结 / 已超期 / 已办结 of a step. */
export function StepState({ step }: { step: { open: boolean; overdue: boolean; next: { step: EscalationStepName } | null } }) {
  if (step.open)
    return step.overdue ? (
      <span className="font-medium text-red-800">■ 未办结，已超期</span>
    ) : (
      <span className="text-amber-900">◆ 未办结</span>
    );
  return <span className="text-green-800">✓ {step.next ? `已升级为${STEP_LABELS[step.next.step]}` : "已办结"}</span>;
}
