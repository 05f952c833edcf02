import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listUnits, type UnitSummary } from "@/lib/plan/units";
import { TableHead } from "@/components/ui/table-head";
import { can } from "@/lib/auth/roles";
import { rankUnits, type UnitRank } from "@/lib/dashboard/dashboard";
import { RANKING_RULE_TEXT } from "@/lib/dashboard/unit-ranking";
import { rankText } from "@/lib/core/ranking";
import { formatShare } from "@/lib/core/shares";

export const metadata = { title: "责任单位" };

/** `ranks`: the units' places in the dashboard's ranking, for those who may read the dashboard. */
function UnitTable({ caption, units, ranks }: { caption: string; units: UnitSummary[]; ranks: Map<string, UnitRank> | null }) {
  return (
    <table className="w-full text-sm">
      <caption className="py-2 text-left text-lg font-semibold">
        {caption}（{units.length} 个）
      </caption>
      <TableHead
        columns={[
          "简称",
          "全称",
          "代码",
          { label: "承担任务", numeric: true },
          { label: "牵头任务", numeric: true },
          { label: "负责指标", numeric: true },
          ranks !== null && "推进排名（滞后占比）",
        ]}
      />
      <tbody>
        {units.map((unit) => (
          <tr key={unit.code} className="border-t border-slate-200">
            <td className="px-3 py-2">
              <Link href={`/units/${unit.code}`} className="text-blue-800 hover:underline">
                {unit.shortName}
              </Link>
            </td>
            <td className="px-3 py-2">{unit.name}</td>
            <td className="px-3 py-2 font-mono text-slate-600">{unit.code}</td>
            <td className="px-3 py-2 text-right tabular-nums">{unit.taskCount}</td>
            <td className="px-3 py-2 text-right tabular-nums">{unit.leadTaskCount}</td>
            <td className="px-3 py-2 text-right tabular-nums">{unit.indicatorCount}</td>
            {ranks !== null && <RankCell rank={ranks.get(unit.code)} />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RankCell({ rank }: { rank: UnitRank | undefined }) {
  return (
    <td className="px-3 py-2 whitespace-nowrap tabular-nums">
      {rank ? `${rankText(rank)}（${formatShare(rank.lagging, rank.assignments)}）` : "—"}
    </td>
  );
}

export default async function UnitsPage() {
  const user = await requirePermission("plan:read");
  const ranked = can(user.role, "dashboard:read");
  const [units, provincial, cities] = await Promise.all([
    listUnits(),
    ranked ? rankUnits("PROVINCIAL") : null,
    ranked ? rankUnits("CITY") : null,
  ]);
  const ranksOf = (ranking: typeof provincial) => (ranking ? new Map(ranking.units.map((rank) => [rank.code, rank])) : null);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">责任单位</h1>
      {ranked && <p className="text-sm text-slate-600">推进排名在省直单位、设区市内各自排列：{RANKING_RULE_TEXT}</p>}
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <UnitTable caption="省直责任单位" units={units.filter((unit) => unit.kind === "PROVINCIAL")} ranks={ranksOf(provincial)} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <UnitTable caption="设区市" units={units.filter((unit) => unit.kind === "CITY")} ranks={ranksOf(cities)} />
      </div>
    </div>
  );
}
