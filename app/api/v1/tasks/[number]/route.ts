import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { publicJson } from "@/lib/core/responses";
import { getTaskByNumber } from "@/lib/plan/tasks";
import { listTaskAmendments } from "@/lib/plan/amendments";
import { taskDetailJson } from "@/lib/api/plan-json";
import { TaskPathSchema, type TaskDetailBody } from "@/lib/api/tasks.contract";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public", params: TaskPathSchema }, async ({ params }) => {
  const [task, amendments] = await Promise.all([getTaskByNumber(params.number), listTaskAmendments(params.number)]);
  if (!task) throw new AppError("NOT_FOUND", `任务 ${params.number} 不存在`);
  return publicJson({ data: taskDetailJson(task, amendments) } satisfies TaskDetailBody);
});
