import { route } from "@/lib/core/route";
import { exportAuditEntries } from "@/lib/audit/read-audit-log";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import { auditSheet } from "@/lib/exports/audit-sheet";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

/** The audit log for the auditor, with the filters of the page the link came from and each row's chain hash. */
export const GET = route({ auth: "audit:read", query: auditQuerySchema }, async ({ user, query }) => {
  const { before: _before, after: _after, ...filters } = query;
  const exported = await exportAuditEntries(user.id, filters);
  return xlsxResponse(await buildWorkbook([await auditSheet(exported, filters)]), "审计日志.xlsx");
});
