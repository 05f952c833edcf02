import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { idSchema, parseRecordNumber } from "@/lib/core/schemas";
import { getIssue } from "@/lib/coordination/coordination";
import { COORDINATION_STATUS_LABELS } from "@/lib/coordination/schemas";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { CloseIssueForm, ReplyIssueForm } from "@/components/coordination/issue-forms";

export const metadata = { title: "需协调事项" };

export default async function IssuePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("coordination:read");
  const id = parseRecordNumber(idSchema("事项编号无效"), (await params).id);
  const issue = id === null ? null : await getIssue(user, id);
  if (!issue) notFound();
  return (
    <article className="space-y-6">
      <Breadcrumb href="/coordination" label="需协调事项">
        {issue.title}
      </Breadcrumb>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{issue.title}</h1>
        <p className="text-slate-700">
          任务{" "}
          <Link href={`/tasks/${issue.task.number}`} className="text-blue-800 hover:underline">
            {issue.task.number}. {issue.task.title}
          </Link>{" "}
          · 状态 <strong>{COORDINATION_STATUS_LABELS[issue.status]}</strong>
        </p>
      </header>
      <section aria-labelledby="issue-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="issue-heading" className="text-lg font-semibold">
          问题
        </h2>
        <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">提出单位</dt>
            <dd>
              {issue.raisedBy}（{issue.raisedByPerson}，{formatChinaTime(issue.createdAt)}）
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">协调对象</dt>
            <dd>{issue.addressedTo}</dd>
          </div>
          <div>
            <dt className="text-slate-600">期望办结日期</dt>
            <dd>{issue.deadline ? formatChineseDate(issue.deadline) : "未指定"}</dd>
          </div>
          {issue.reportId && (
            <div>
              <dt className="text-slate-600">来源报告</dt>
              <dd>
                <Link href={`/reports/${issue.reportId}`} className="text-blue-800 hover:underline">
                  查看报告
                </Link>
              </dd>
            </div>
          )}
        </dl>
        <p className="mt-3 whitespace-pre-line leading-7">{issue.detail}</p>
      </section>
      <section aria-labelledby="replies-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="replies-heading" className="text-lg font-semibold">
          答复
        </h2>
        {issue.replies.length === 0 ? (
          <p className="mt-2 text-slate-600">尚未答复。</p>
        ) : (
          <ol className="mt-3 space-y-3">
            {issue.replies.map((reply) => (
              <li key={reply.id} className="rounded border border-slate-200 p-3">
                <p className="text-sm text-slate-600">
                  {reply.unit ? `${reply.unit} ` : ""}
                  {reply.author}，{formatChinaTime(reply.at)}
                </p>
                <p className="mt-1 whitespace-pre-line">{reply.text}</p>
              </li>
            ))}
          </ol>
        )}
        {issue.canReply && (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <ReplyIssueForm issueId={issue.id} version={issue.version} />
          </div>
        )}
      </section>
      {issue.status === "CLOSED" ? (
        <section aria-labelledby="closed-heading" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="closed-heading" className="text-lg font-semibold">
            办结情况
          </h2>
          <p className="mt-2 text-sm text-slate-600">{issue.closedAt && formatChinaTime(issue.closedAt)}</p>
          <p className="mt-1 whitespace-pre-line">{issue.closingNote}</p>
        </section>
      ) : (
        issue.canClose && (
          <section aria-labelledby="close-heading" className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="close-heading" className="text-lg font-semibold">
              办结
            </h2>
            <div className="mt-3">
              <CloseIssueForm issueId={issue.id} version={issue.version} />
            </div>
          </section>
        )
      )}
    </article>
  );
}
