import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { AUDIT_PAGE_SIZE, checkAuditChain, listAuditEntries } from "@/lib/audit/audit";
import { ExportLink } from "@/components/ui/export-link";
import { TableHead } from "@/components/ui/table-head";
import { formatChinaTime } from "@/lib/core/dates";
import { z } from "@/lib/core/zod";
import { idSchema, parseSearchParams, type SearchParamsInput } from "@/lib/core/schemas";

export const metadata = { title: "审计日志" };

const auditQuerySchema = z.object({ page: idSchema("页码无效").optional() });

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await requirePermission("audit:read");
  const parsed = parseSearchParams(auditQuerySchema, await searchParams);
  const page = (parsed.success ? parsed.data.page : undefined) ?? 1;
  const [{ total, rows }, chain] = await Promise.all([listAuditEntries(page), checkAuditChain()]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">审计日志</h1>
        <ExportLink href="/api/exports/audit.xlsx" />
      </div>
      <p className="text-slate-700">共 {total} 条记录，只读；数据库禁止修改和删除，保存期不少于 180 天。</p>
      <p
        role="status"
        className={`rounded border p-2 text-sm ${chain.brokenAt ? "border-red-300 bg-red-50 text-red-900" : "border-green-300 bg-green-50 text-green-900"}`}
      >
        {chain.brokenAt ? `哈希链校验失败：第 ${chain.brokenAt} 条记录起被篡改或删除。` : `哈希链校验通过：${chain.total} 条记录完整。`}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <TableHead columns={["时间", "操作人", "操作", "对象", "修改前", "修改后"]} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2 whitespace-nowrap">{formatChinaTime(row.at)}</td>
                <td className="px-3 py-2">{row.actor ? `${row.actor.displayName}（${row.actor.username}）` : "系统"}</td>
                <td className="px-3 py-2 font-mono">{row.action}</td>
                <td className="px-3 py-2">
                  {row.entity} {row.entityId}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{row.before ? JSON.stringify(row.before) : "—"}</td>
                <td className="px-3 py-2 font-mono text-xs">{row.after ? JSON.stringify(row.after) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="p-6 text-center text-slate-600">暂无审计记录。</p>}
      </div>
      <nav aria-label="分页" className="flex gap-3">
        {page > 1 && (
          <Link href={`/audit?page=${page - 1}`} className="text-blue-800 underline">
            上一页
          </Link>
        )}
        <span>
          第 {page} / {pages} 页
        </span>
        {page < pages && (
          <Link href={`/audit?page=${page + 1}`} className="text-blue-800 underline">
            下一页
          </Link>
        )}
      </nav>
    </div>
  );
}
