import type { TargetView } from "@/lib/indicators/indicator-view";

/** Targets as "2027年 ≤ 28（28微克/立方米以下）": symbol and the document's own words. */
export function TargetList({ targets, measureUnit }: { targets: TargetView[]; measureUnit: string }) {
  if (targets.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <ul className="space-y-0.5">
      {targets.map((target) => (
        <li key={target.year}>
          <span className="font-medium tabular-nums">{target.year}年</span> {target.symbol} {target.value}
          {measureUnit === "%" ? "%" : ` ${measureUnit}`}
          <span className="text-slate-600">
            （{target.text}
            {target.note ? `，${target.note}` : ""}）
          </span>
        </li>
      ))}
    </ul>
  );
}
