import { listTasks } from "@/lib/plan/tasks";
import { jsonError, publicJson } from "@/lib/core/responses";
import { taskJson } from "@/lib/api/plan-json";
import { parseTaskFilters } from "@/lib/plan/task-filters";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const parsed = parseTaskFilters(new URL(request.url).searchParams);
  if (!parsed.success) {
    return jsonError(400, `查询参数无效：${parsed.error.issues.map((issue) => issue.message).join("；")}`);
  }
  const tasks = await listTasks(parsed.data);
  return publicJson({ data: tasks.map(taskJson) });
}
