import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { privateJson } from "@/lib/core/responses";
import { reportReadScope } from "@/lib/auth/roles";
import { listMeasureListsForReader } from "@/lib/measures/read-measures";
import { measuresJson } from "@/lib/api/measures-json";
import { MeasureQuerySchema, type MeasureListBody } from "@/lib/api/measures.contract";

export const dynamic = "force-dynamic";

/**
 * The units' measures and milestones, read-only: with a signed-in session (scope by role and unit,
 * as for reports) or an API token an admin issued (accepted lists only).
 */
export const GET = route({ auth: { permission: "report:read", apiToken: true }, query: MeasureQuerySchema }, async ({ query, user }) => {
  const scope = reportReadScope(user ?? { role: "API_TOKEN", unitId: null });
  if (!scope) throw new AppError("FORBIDDEN", "当前账号无权查看举措");
  const lists = await listMeasureListsForReader(scope, query);
  return privateJson({ data: lists.flatMap(measuresJson) } satisfies MeasureListBody);
});
