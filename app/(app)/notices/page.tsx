import Link from "next/link";
import { MarkAllReadButton, MarkReadButton } from "@/components/notices/inbox-buttons";
import { requirePermission } from "@/lib/auth/session";
import { formatChinaTime } from "@/lib/core/dates";
import { issuesText, parseSearchParams, type SearchParamsInput } from "@/lib/core/schemas";
import { listInbox } from "@/lib/notices/inbox";
import { inboxQuerySchema } from "@/lib/notices/schemas";

export const metadata = { title: "收件箱" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const user = await requirePermission("notice:read");
  const parsed = parseSearchParams(inboxQuerySchema, await searchParams);
  const page = parsed.success ? parsed.data.page : 1;
  const inbox = await listInbox(user.id, page);
  const pageHref = (target: number) => (target > 1 ? `/notices?page=${target}` : "/notices");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">收件箱</h1>
        <Link href="/account/notices" className="text-sm text-blue-800 underline">
          通知设置（邮箱、消息推送、免打扰）
        </Link>
      </div>
      {!parsed.success && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-red-900">
          {issuesText(parsed.error)}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <p>
          共 {inbox.total} 条通知，未读 {inbox.unread} 条。
        </p>
        {inbox.unread > 0 && <MarkAllReadButton />}
      </div>
      {inbox.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">暂无通知。</p>
      ) : (
        <ul aria-label="通知" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {inbox.rows.map((notice) => {
            const unread = notice.readAt === null;
            return (
              <li
                key={notice.id}
                className={`space-y-1 p-4 ${unread ? "bg-brand-50" : ""}`}
                aria-label={unread ? `未读：${notice.title}` : notice.title}
              >
                <div className="flex flex-wrap items-center gap-2">
                  {unread && <span className="rounded bg-brand-700 px-1.5 py-0.5 text-xs text-white">未读</span>}
                  {notice.urgent && <span className="rounded bg-red-700 px-1.5 py-0.5 text-xs text-white">紧急</span>}
                  <h2 className={unread ? "font-semibold" : "font-normal"}>{notice.title}</h2>
                  <time dateTime={notice.createdAt.toISOString()} className="ml-auto text-sm text-slate-600 tabular-nums">
                    {formatChinaTime(notice.createdAt)}
                  </time>
                </div>
                <p className="whitespace-pre-line text-slate-800">{notice.body}</p>
                <p className="flex flex-wrap gap-4">
                  {notice.href && (
                    <Link href={notice.href} className="text-sm text-blue-800 underline">
                      前往办理
                    </Link>
                  )}
                  {unread && <MarkReadButton id={notice.id} title={notice.title} />}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {inbox.pages > 1 && (
        <nav aria-label="分页" className="flex items-center gap-4">
          {inbox.page > 1 && (
            <Link href={pageHref(inbox.page - 1)} className="text-blue-800 underline">
              ← 较新的通知
            </Link>
          )}
          <span>
            第 {inbox.page} / {inbox.pages} 页
          </span>
          {inbox.page < inbox.pages && (
            <Link href={pageHref(inbox.page + 1)} className="text-blue-800 underline">
              较早的通知 →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
