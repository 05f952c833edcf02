import { listTasks } from "@/lib/plan/tasks";
import { jsonError, publicJson } from "@/lib/core/responses";
import { taskJson } from "@/lib/api/plan-json";
import { taskFiltersSchema } from "@/lib/plan/task-filters";
import { issuesText, parseSearchParams } from "@/lib/core/schemas";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const parsed = parseSearchParams(taskFiltersSchema, new URL(request.url).searchParams);
  if (!parsed.success) {
    return jsonError(400, `查询参数无效：${issuesText(parsed.error)}`);
  }
  const tasks = await listTasks(parsed.data);
  return publicJson({ data: tasks.map(taskJson) });
}
