import { route } from "@/lib/core/route";
import { exportFilterText } from "@/lib/exports/filter-caption";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { listEscalations } from "@/lib/escalation/escalations";
import { ESCALATION_FILTER_CAPTIONS, escalationsSheet } from "@/lib/escalation/escalation-sheet";
import { escalationFiltersSchema } from "@/lib/escalation/schemas";

export const dynamic = "force-dynamic";

/** The 督办台账 the user may read (a unit's own steps for its staff), with the filters of the page. */
export const GET = route(
  { auth: "report:read", query: escalationFiltersSchema, exported: "escalations.xlsx" },
  async ({ request, query, user }) => {
    const steps = await listEscalations(user, query, 5000);
    const caption = await exportFilterText(new URL(request.url).searchParams, ESCALATION_FILTER_CAPTIONS);
    return xlsxResponse(await buildWorkbook([escalationsSheet(steps, caption)]), "督办台账.xlsx");
  },
);
