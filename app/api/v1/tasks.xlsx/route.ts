import { jsonError } from "@/lib/core/responses";
import { listTasks } from "@/lib/plan/tasks";
import { tasksSheet } from "@/lib/exports/sheets";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { taskFiltersSchema } from "@/lib/plan/task-filters";
import { issuesText, parseSearchParams } from "@/lib/core/schemas";

export const dynamic = "force-dynamic";

/** The task list as Excel, with the same filter parameters as GET /api/v1/tasks and the task page. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const parsed = parseSearchParams(taskFiltersSchema, params);
  if (!parsed.success) return jsonError(400, `查询参数无效：${issuesText(parsed.error)}`);
  const tasks = await listTasks(parsed.data);
  const filters = [...params].filter(([, value]) => value).map(([key, value]) => `${key}=${value}`).join("，");
  const buffer = await buildWorkbook([tasksSheet(tasks, filters ? `筛选条件：${filters}` : "筛选条件：全部")]);
  return xlsxResponse(buffer, "美丽江西重点任务.xlsx");
}
