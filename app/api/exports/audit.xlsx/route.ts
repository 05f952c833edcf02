import { route } from "@/lib/core/route";
import { exportAuditEntries } from "@/lib/audit/audit";
import { sheet, buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";

export const dynamic = "force-dynamic";

/** The whole audit log for the auditor, with each row's chain hash. */
export const GET = route({ auth: "audit:read" }, async ({ user }) => {
  const rows = await exportAuditEntries(user.id);
  const workbook = await buildWorkbook([
    sheet({
      name: "审计日志",
      rows,
      columns: [
        { header: "序号", width: 8, value: (row) => row.id },
        { header: "时间", type: "datetime", width: 18, value: (row) => row.at },
        { header: "操作人", width: 20, value: (row) => (row.actor ? `${row.actor.displayName}（${row.actor.username}）` : "系统") },
        { header: "操作", width: 22, value: (row) => row.action },
        { header: "对象", width: 22, value: (row) => `${row.entity} ${row.entityId ?? ""}` },
        { header: "修改前", width: 50, value: (row) => (row.before ? JSON.stringify(row.before) : "") },
        { header: "修改后", width: 50, value: (row) => (row.after ? JSON.stringify(row.after) : "") },
        { header: "哈希", width: 66, value: (row) => row.hash },
      ],
    }),
  ]);
  return xlsxResponse(workbook, "审计日志.xlsx");
});
