import { quarterLabel, type Quarter } from "@/lib/core/quarters";

/** 沿用上季度: the report repeats an accepted report's text, so the reviewer knows nothing new was written. */
export function CarriedBadge({ from }: { from: Quarter | null | undefined }) {
  if (!from) return null;
  return (
    <span className="inline-block rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">
      沿用上季度（{quarterLabel(from)}已通过报告）
    </span>
  );
}
