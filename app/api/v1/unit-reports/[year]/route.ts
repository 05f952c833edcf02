import { route } from "@/lib/core/route";
import { privateJson } from "@/lib/core/responses";
import { unitReportDesk } from "@/lib/unit-reports/unit-reports";
import { UnitReportsPathSchema, UnitReportsQuerySchema, type UnitReportListBody } from "@/lib/api/unit-reports.contract";

export const dynamic = "force-dynamic";

/** Each unit's annual report status for the year: reviewer and leaders with a session, or an API token. */
export const GET = route(
  { auth: { permission: "annual:read", apiToken: true }, params: UnitReportsPathSchema, query: UnitReportsQuerySchema },
  async ({ params, query }) => {
    const desk = await unitReportDesk(params.year);
    const rows = query.kind ? desk.rows.filter((row) => row.unit.kind === query.kind) : desk.rows;
    return privateJson({
      data: rows.map((row) => ({
        unit: { code: row.unit.code, name: row.unit.name, kind: row.unit.kind },
        year: params.year,
        status: row.status,
        submittedAt: row.submittedAt?.toISOString() ?? null,
        reviewedAt: row.reviewedAt?.toISOString() ?? null,
        late: row.late,
        deadline: desk.deadline,
        hasSealedFile: row.hasSealedFile,
      })),
    } satisfies UnitReportListBody);
  },
);
