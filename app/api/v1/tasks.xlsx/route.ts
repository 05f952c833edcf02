import { route } from "@/lib/core/route";
import { listTasks } from "@/lib/plan/tasks";
import { tasksSheet } from "@/lib/exports/sheets";
import { exportFilterText } from "@/lib/exports/filter-caption";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { TaskQuerySchema } from "@/lib/api/tasks.contract";

export const dynamic = "force-dynamic";

/** The task list as Excel, with the same filter parameters as GET /api/v1/tasks and the task page. */
export const GET = route({ auth: "public", query: TaskQuerySchema }, async ({ request, query }) => {
  const tasks = await listTasks(query);
  const buffer = await buildWorkbook([tasksSheet(tasks, await exportFilterText(new URL(request.url).searchParams))]);
  return xlsxResponse(buffer, "美丽江西重点任务.xlsx");
});
