import { route } from "@/lib/core/route";
import { publicJson } from "@/lib/core/responses";
import { listTasks } from "@/lib/plan/tasks";
import { taskJson } from "@/lib/api/plan-json";
import { TaskQuerySchema, type TaskListBody } from "@/lib/api/tasks.contract";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public", query: TaskQuerySchema }, async ({ query }) => {
  const tasks = await listTasks(query);
  return publicJson({ data: tasks.map(taskJson) } satisfies TaskListBody);
});
