import { getTaskByNumber } from "@/lib/plan/tasks";
import { jsonError, publicJson } from "@/lib/core/responses";
import { taskJson } from "@/lib/api/plan-json";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ number: string }> }) {
  const raw = (await params).number;
  if (!/^\d{1,3}$/.test(raw)) return jsonError(404, `任务编号无效：${raw.slice(0, 20)}`);
  const task = await getTaskByNumber(Number(raw));
  if (!task) return jsonError(404, `任务 ${Number(raw)} 不存在`);
  return publicJson({
    data: {
      ...taskJson(task),
      indicators: task.indicators.map((indicator) => ({
        code: indicator.code,
        name: indicator.name,
        unit: indicator.measureUnit,
        targets: indicator.targets.map((target) => ({ year: target.year, comparator: target.symbol, value: target.value, text: target.text })),
      })),
    },
  });
}
