import "server-only";
import type { AuditEntry } from "@/lib/audit/read-audit-log";
import { actionLabel, differenceText } from "@/lib/audit/audit-labels";
import type { AuditFilters } from "@/lib/audit/audit-query";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { db } from "@/lib/core/db";
import { unitNameOf } from "@/lib/plan/unit-names";
import { sheet, type Sheet } from "./workbook";

/** The audit filters in words: the person and unit by name, the action by its label. */
export async function auditFilterText(filters: AuditFilters): Promise<string> {
  const person = filters.actor ? await db.user.findUnique({ where: { username: filters.actor }, select: { displayName: true } }) : null;
  const parts = [
    person && `操作人 ${person.displayName}`,
    filters.unit && `单位 ${await unitNameOf(filters.unit)}`,
    filters.action && `操作 ${actionLabel(filters.action)}`,
    (filters.from || filters.to) &&
      `时间 ${filters.from ? formatChineseDate(filters.from) : "最早"}至${filters.to ? formatChineseDate(filters.to) : "今天"}（北京时间）`,
  ].filter(Boolean);
  return `筛选条件：${parts.join("，") || "全部"}`;
}

/** The filtered audit log as a sheet: China time, Chinese actions and objects, the difference field by field, the hash. */
export async function auditSheet(exported: { entries: AuditEntry[]; total: number }, filters: AuditFilters): Promise<Sheet> {
  const { entries, total } = exported;
  const note = entries.length < total ? [`共 ${total} 条，仅导出最新 ${entries.length} 条；请缩小时间范围分批导出。`] : [];
  return sheet({
    name: "审计日志",
    preface: ["审计日志", await auditFilterText(filters), ...note, `导出时间：${formatChinaTime(new Date())}`],
    rows: entries,
    columns: [
      { header: "序号", width: 10, value: (row) => row.id },
      { header: "时间", type: "datetime", width: 20, value: (row) => row.at },
      { header: "操作人", width: 16, value: (row) => row.actor?.displayName ?? "系统" },
      { header: "所属单位", width: 14, value: (row) => row.actor?.unit ?? "" },
      { header: "账号", width: 12, value: (row) => row.actor?.username ?? "" },
      { header: "操作", width: 20, value: (row) => row.actionLabel },
      { header: "对象", width: 36, value: (row) => row.object },
      { header: "变更内容（修改前 → 修改后）", width: 70, value: (row) => differenceText(row.changes) },
      { header: "操作代码", width: 18, value: (row) => row.action },
      { header: "哈希", width: 66, value: (row) => row.hash },
    ],
  });
}
