import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { checkAuditChain } from "@/lib/audit/audit";
import { listAuditEntries, listAuditPeople, type AuditPage as AuditEntries } from "@/lib/audit/read-audit-log";
import { auditQuerySchema, auditSearch, type AuditFilters } from "@/lib/audit/audit-query";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { ExportLink } from "@/components/ui/export-link";
import { TableHead } from "@/components/ui/table-head";
import { formatChinaTime } from "@/lib/core/dates";
import { AppError } from "@/lib/core/errors";
import { issuesText, parseSearchParams, toURLSearchParams, type SearchParamsInput } from "@/lib/core/schemas";
import { listUnitOptions } from "@/lib/plan/units";

export const metadata = { title: "审计日志" };

const EMPTY: AuditEntries = { total: 0, entries: [], older: null, newer: null };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await requirePermission("audit:read");
  const raw = toURLSearchParams(await searchParams);
  const parsed = parseSearchParams(auditQuerySchema, raw);
  // A bad filter is refused as a request would be (400): the message, and no rows.
  let error = parsed.success ? null : issuesText(parsed.error);
  let log = EMPTY;
  const filters: AuditFilters = parsed.success
    ? { actor: parsed.data.actor, unit: parsed.data.unit, action: parsed.data.action, from: parsed.data.from, to: parsed.data.to }
    : {};
  const [chain, people, units] = await Promise.all([checkAuditChain(), listAuditPeople(), listUnitOptions()]);
  if (parsed.success) {
    try {
      log = await listAuditEntries(parsed.data);
    } catch (failure) {
      if (!(failure instanceof AppError)) throw failure;
      error = failure.message;
    }
  }
  const formValues = Object.fromEntries(["actor", "unit", "action", "from", "to"].map((key) => [key, raw.get(key) ?? undefined]));
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">审计日志</h1>
        {!error && <ExportLink href={`/api/exports/audit.xlsx?${auditSearch(filters)}`} />}
      </div>
      <p className="text-slate-700">只读；数据库禁止修改和删除，保存期不少于 180 天。时间均为北京时间。</p>
      <p
        role="status"
        aria-label="哈希链校验"
        className={`rounded border p-2 text-sm ${chain.brokenAt ? "border-red-300 bg-red-50 text-red-900" : "border-green-300 bg-green-50 text-green-900"}`}
      >
        {chain.brokenAt ? `哈希链校验失败：第 ${chain.brokenAt} 条记录起被篡改或删除。` : `哈希链校验通过：${chain.total} 条记录完整。`}
      </p>
      <AuditFilterForm values={formValues} people={people} units={units} />
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效：{error}
        </p>
      ) : (
        <p>{filtered ? `符合筛选条件的记录共 ${log.total} 条。` : `共 ${log.total} 条记录。`}</p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">审计记录</caption>
          <TableHead columns={["时间", "操作人", "操作", "对象", "变更内容"]} />
          <tbody>
            {log.entries.map((entry) => (
              <tr key={entry.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatChinaTime(entry.at)}</td>
                <td className="px-3 py-2" title={entry.actor ? `账号 ${entry.actor.username}` : undefined}>
                  {entry.actor ? (
                    <>
                      {entry.actor.displayName}
                      {entry.actor.unit && <span className="block text-xs text-slate-600">{entry.actor.unit}</span>}
                    </>
                  ) : (
                    "系统"
                  )}
                </td>
                <td className="px-3 py-2">{entry.actionLabel}</td>
                <td className="px-3 py-2">{entry.object}</td>
                <td className="px-3 py-2">
                  {entry.changes.length === 0 ? (
                    "—"
                  ) : (
                    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
                      {entry.changes.map((change) => (
                        <div key={change.field} className="contents">
                          <dt className="font-medium whitespace-nowrap">{change.field}</dt>
                          <dd className="break-all">
                            {change.before === "—" ? (
                              change.after
                            ) : (
                              <>
                                <del className="text-red-800">{change.before}</del> →{" "}
                                <ins className="text-green-800 no-underline">{change.after}</ins>
                              </>
                            )}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!error && log.entries.length === 0 && (
          <p className="p-6 text-center text-slate-600">{filtered ? "没有符合筛选条件的记录。" : "暂无审计记录。"}</p>
        )}
      </div>
      <nav aria-label="分页" className="flex gap-4">
        {log.newer && (
          <Link href={`/audit?${auditSearch(filters, { after: log.newer })}`} className="text-blue-800 underline">
            ← 较新的记录
          </Link>
        )}
        {parsed.success && (parsed.data.before || parsed.data.after) && (
          <Link href={`/audit?${auditSearch(filters)}`} className="text-blue-800 underline">
            回到最新
          </Link>
        )}
        {log.older && (
          <Link href={`/audit?${auditSearch(filters, { before: log.older })}`} className="text-blue-800 underline">
            较早的记录 →
          </Link>
        )}
      </nav>
    </div>
  );
}
