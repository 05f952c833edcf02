import Link from "next/link";
import { BatchReviewForm } from "@/components/review/batch-review-form";
import { TableHead } from "@/components/ui/table-head";
import { reviewObservationAction } from "@/lib/review/actions";
import { requirePermission } from "@/lib/auth/session";
import { periodText } from "@/lib/indicators/observation-keys";
import { listObservationQueue } from "@/lib/review/review-observations";
import { formatChinaTime } from "@/lib/core/dates";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata = { title: "指标数据审核" };

export default async function ObservationReviewPage() {
  await requirePermission("report:review");
  const queue = await listObservationQueue();
  return (
    <div className="space-y-4">
      <Breadcrumb href="/review" label="审核台">
        指标数据
      </Breadcrumb>
      <h1 className="text-2xl font-semibold">指标数据审核</h1>
      <p role="status">共 {queue.length} 条待审核。</p>
      <BatchReviewForm empty={queue.length === 0} action={reviewObservationAction} noun="数据" field="observations">
        <table className="w-full bg-white text-sm">
          <TableHead columns={["选择", "指标", "地区", "期间", "数值", "来源", "填报"]} />
          <tbody>
            {queue.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    name="observations"
                    value={`${row.id}:${row.version}`}
                    aria-label={`选择 ${row.indicator.name} ${periodText(row)}`}
                  />
                </td>
                <td className="px-3 py-2">
                  <Link href={`/indicators/${row.indicator.code}`} className="text-blue-800 hover:underline">
                    {row.indicator.name}
                  </Link>
                </td>
                <td className="px-3 py-2">{row.area === "province" ? "全省" : row.area}</td>
                <td className="px-3 py-2 tabular-nums">{periodText(row)}</td>
                <td className="px-3 py-2 tabular-nums">
                  {row.value.toString()} {row.indicator.measureUnit}
                </td>
                <td className="px-3 py-2">{row.source}</td>
                <td className="px-3 py-2">
                  {row.enteredBy?.displayName}，{formatChinaTime(row.enteredAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </BatchReviewForm>
    </div>
  );
}
