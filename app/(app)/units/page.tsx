import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listUnits, type UnitSummary } from "@/lib/plan/units";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "责任单位" };

function UnitTable({ caption, units }: { caption: string; units: UnitSummary[] }) {
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function UnitsPage() {
  await requirePermission("plan:read");
  const units = await listUnits();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">责任单位</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <UnitTable caption="省直责任单位" units={units.filter((unit) => unit.kind === "PROVINCIAL")} />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <UnitTable caption="设区市" units={units.filter((unit) => unit.kind === "CITY")} />
      </div>
    </div>
  );
}
