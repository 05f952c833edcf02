import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { parseRecordNumber, taskNumberSchema } from "@/lib/core/schemas";
import { getTaskByNumber } from "@/lib/plan/tasks";
import { listUnitOptions } from "@/lib/plan/units";
import { listTaskAmendments } from "@/lib/plan/amendments";
import { formatChineseDate } from "@/lib/core/dates";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { AmendmentForm } from "@/components/admin/amendment-form";
import { AmendmentHistory } from "@/components/tasks/amendment-history";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return { title: `计划调整 · 任务 ${number}` };
}

export default async function AmendTaskPage({ params }: { params: Promise<{ number: string }> }) {
  await requirePermission("plan:edit");
  const number = parseRecordNumber(taskNumberSchema, (await params).number);
  const task = number === null ? null : await getTaskByNumber(number);
  if (!task) notFound();
  const [units, amendments] = await Promise.all([listUnitOptions(), listTaskAmendments(task.number)]);
  const assigned = [...task.units, ...task.cities];
  const common = {
    taskNumber: task.number,
    version: task.version,
    deadline: task.deadline,
    leadUnitCode: task.leadUnit?.code ?? null,
    assigned,
    allUnits: units,
  };
  return (
    <article className="space-y-6">
      <Breadcrumb href="/admin/amendments" label="计划调整">
        任务 {task.number}
      </Breadcrumb>
      <header>
        <h1 className="text-2xl font-semibold">
          <span className="mr-2 tabular-nums text-slate-500">{task.number}</span>
          {task.title}
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          现行计划：完成时限 {task.deadline.text}（{formatChineseDate(task.deadline.date)}）；牵头单位{" "}
          {task.leadUnit?.shortName ?? "未指定"}；责任单位 {assigned.map((unit) => unit.shortName).join("、")}。
          <Link href={`/tasks/${task.number}`} className="ml-2 text-blue-800 hover:underline">
            查看任务页
          </Link>
        </p>
        <p className="mt-1 text-sm text-slate-600">
          生效日期为今天或更早的调整保存后立即执行；生效日期在今后的调整登记为“待生效”，到生效日自动执行，此前可撤销。移出的责任单位已报送的进展报告予以保留，今后不再要求其报送。
        </p>
      </header>
      {(["DEADLINE", "UNITS", "LEAD_UNIT"] as const).map((kind) => (
        <section key={kind} className="rounded-lg border border-slate-200 bg-white p-5">
          <AmendmentForm kind={kind} {...common} />
        </section>
      ))}
      <AmendmentHistory amendments={amendments} taskNumber={task.number} cancellable />
    </article>
  );
}
