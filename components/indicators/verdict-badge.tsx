import { VERDICT_LABELS, type Verdict } from "@/lib/indicators/assessment";

const TONES: Record<Verdict, string> = {
  ON_COURSE: "border-green-300 bg-green-50 text-green-900",
  ACHIEVED: "border-sky-300 bg-sky-50 text-sky-900",
  AT_RISK: "border-amber-300 bg-amber-50 text-amber-900",
  OFF_COURSE: "border-red-300 bg-red-50 text-red-900",
  MISSED: "border-red-400 bg-red-100 text-red-950",
  STALE: "border-violet-300 bg-violet-50 text-violet-900",
  NO_DATA: "border-slate-300 bg-slate-50 text-slate-700",
};
const MARKS: Record<Verdict, string> = {
  ON_COURSE: "●",
  ACHIEVED: "✓",
  AT_RISK: "◆",
  OFF_COURSE: "■",
  MISSED: "■",
  STALE: "◌",
  NO_DATA: "○",
};

/** A verdict with its text and a shape, never colour alone. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${TONES[verdict]}`}>
      <span aria-hidden="true">{MARKS[verdict]}</span>
      {VERDICT_LABELS[verdict]}
    </span>
  );
}
