import Link from "next/link";
import { RequeueButton } from "@/components/notices/admin-forms";
import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { TableHead } from "@/components/ui/table-head";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime } from "@/lib/core/dates";
import { env } from "@/lib/core/env";
import { issuesText, parseSearchParams, toURLSearchParams, type SearchParamsInput } from "@/lib/core/schemas";
import { listDeliveries } from "@/lib/notices/delivery-log";
import { CHANNEL_LABELS, DELIVERY_STATUS_LABELS, DELIVERY_STATUSES, deliveryQuerySchema, type DeliveryQuery } from "@/lib/notices/schemas";
import { getWebhookSetting } from "@/lib/notices/webhook-settings";

export const metadata = { title: "通知发送记录" };

const STATUS_STYLE: Record<string, string> = {
  PENDING: "bg-slate-100 text-slate-800",
  RETRYING: "bg-amber-100 text-amber-900",
  SENT: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
};

export default async function DeliveryLogPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await requirePermission("settings:manage");
  const raw = toURLSearchParams(await searchParams);
  const parsed = parseSearchParams(deliveryQuerySchema, raw);
  const query: DeliveryQuery = parsed.success ? parsed.data : { page: 1 };
  const [log, webhook] = await Promise.all([listDeliveries(query), getWebhookSetting()]);
  const config = env();
  const mailConfigured = Boolean(config.SMTP_URL);
  const pageHref = (target: number) => {
    const params = new URLSearchParams();
    if (query.status) params.set("status", query.status);
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `/admin/notices?${search}` : "/admin/notices";
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">通知发送记录</h1>
        <p className="flex gap-4 text-sm">
          <Link href="/admin/notices/units" className="text-blue-800 underline">
            单位通知默认设置
          </Link>
          <Link href="/admin/settings#webhook-heading" className="text-blue-800 underline">
            消息推送设置
          </Link>
        </p>
      </div>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="发送渠道状态">
        <li>邮件服务器：{mailConfigured ? "已配置" : "未配置（SMTP_URL 未设置，邮件通知不会发出）"}</li>
        <li>消息推送：{webhook.enabled ? `已启用（${webhook.url}）` : "未启用"}</li>
      </ul>
      <p className="text-sm text-slate-700">
        时间均为北京时间。发送失败会自动重试（间隔逐次加倍，最长 {Math.max(1, Math.round(config.NOTICE_RETRY_MAX_SECONDS / 60))} 分钟），
        {config.NOTICE_MAX_ATTEMPTS} 次仍失败的标为“失败”，可在排除故障后重新发送。
      </p>
      <FilterForm action="/admin/notices">
        <FilterSelect
          name="status"
          label="发送状态"
          value={raw.get("status") ?? undefined}
          options={DELIVERY_STATUSES.map((status) => ({
            value: status,
            label: `${DELIVERY_STATUS_LABELS[status]}（${log.byStatus[status] ?? 0}）`,
          }))}
        />
      </FilterForm>
      {!parsed.success && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          筛选条件无效：{issuesText(parsed.error)}
        </p>
      )}
      <p>{query.status ? `${DELIVERY_STATUS_LABELS[query.status]}的记录共 ${log.total} 条。` : `共 ${log.total} 条记录。`}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">通知发送记录</caption>
          <TableHead
            columns={["编号", "通知", "收件人", "渠道与地址", "状态", { label: "尝试次数", numeric: true }, "最近答复", "时间", "操作"]}
          />
          <tbody>
            {log.rows.map((row) => {
              const last = row.log[0];
              return (
                <tr key={row.id} className="border-t border-slate-200 align-top">
                  <td className="px-3 py-2 tabular-nums">{row.id}</td>
                  <td className="px-3 py-2">
                    {row.title}
                    {row.urgent && <span className="ml-1 rounded bg-red-700 px-1 text-xs text-white">紧急</span>}
                  </td>
                  <td className="px-3 py-2">
                    {row.recipient ? (
                      <>
                        {row.recipient.displayName}
                        <span className="block font-mono text-xs text-slate-600">{row.recipient.username}</span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {CHANNEL_LABELS[row.channel]}
                    <span className="block break-all font-mono text-xs">{row.address}</span>
                  </td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 py-0.5 whitespace-nowrap ${STATUS_STYLE[row.status]}`}>
                      {DELIVERY_STATUS_LABELS[row.status]}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.attempts}</td>
                  <td className="px-3 py-2">
                    {last ? <span className="break-all">{last.response}</span> : "—"}
                    {row._count.log > 0 && (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-blue-800">全部 {row._count.log} 次尝试</summary>
                        <ol className="mt-1 space-y-1 text-xs">
                          {row.log.map((attempt) => (
                            <li key={attempt.id}>
                              <span className="tabular-nums">{formatChinaTime(attempt.at)}</span> {attempt.ok ? "成功" : "失败"}：
                              <span className="break-all">{attempt.response}</span>
                            </li>
                          ))}
                        </ol>
                      </details>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs whitespace-nowrap tabular-nums">
                    生成 {formatChinaTime(row.createdAt)}
                    {row.sentAt && <span className="block">发送 {formatChinaTime(row.sentAt)}</span>}
                    {(row.status === "PENDING" || row.status === "RETRYING") && (
                      <span className="block">最早 {formatChinaTime(row.notBefore)}</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{row.status === "FAILED" ? <RequeueButton id={row.id} /> : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {log.rows.length === 0 && (
          <p className="p-6 text-center text-slate-600">{query.status ? "没有该状态的记录。" : "暂无发送记录。"}</p>
        )}
      </div>
      {log.pages > 1 && (
        <nav aria-label="分页" className="flex items-center gap-4">
          {log.page > 1 && (
            <Link href={pageHref(log.page - 1)} className="text-blue-800 underline">
              ← 较新的记录
            </Link>
          )}
          <span>
            第 {log.page} / {log.pages} 页
          </span>
          {log.page < log.pages && (
            <Link href={pageHref(log.page + 1)} className="text-blue-800 underline">
              较早的记录 →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
