import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { parseRecordNumber } from "@/lib/core/schemas";
import { formatChinaTime, formatChineseDate } from "@/lib/core/dates";
import { addDays, chinaToday, formatQuarter } from "@/lib/core/quarters";
import { getEscalation } from "@/lib/escalation/escalations";
import { STEP_LABELS } from "@/lib/escalation/rules";
import { escalationIdSchema } from "@/lib/escalation/schemas";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { EscalateForm } from "@/components/escalation/escalate-form";
import { CloseForm, RespondForm } from "@/components/escalation/step-forms";
import { StepBadge, StepState } from "@/components/escalation/step-badge";

export const metadata = { title: "督办事项" };

const BOX = "rounded-lg border border-slate-200 bg-white p-5";

export default async function EscalationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission("report:read");
  const id = parseRecordNumber(escalationIdSchema, (await params).id);
  const step = id === null ? null : await getEscalation(user, id);
  if (!step) notFound();
  const sent = (await searchParams).sent === "1";
  const label = STEP_LABELS[step.step];
  return (
    <article className="space-y-6">
      <Breadcrumb href="/escalations" label="督办台账">
        {label}
        {step.documentNumber ? ` ${step.documentNumber}` : ""}
      </Breadcrumb>
      {sent && (
        <p role="status" className="rounded border border-green-300 bg-green-50 p-2 text-green-900">
          已发出{label}
          {step.documentNumber ? `（${step.documentNumber}）` : ""}，并已通知{step.unit.shortName}的填报人和单位负责人。
        </p>
      )}
      <header className="space-y-1">
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold">
          <StepBadge step={step.step} />
          {step.unit.shortName} · {step.subject}
        </h1>
        <p className="text-slate-700">
          {step.documentNumber && <span className="mr-3">文号 {step.documentNumber}</span>}
          状态 <StepState step={step} />
        </p>
      </header>

      <section aria-labelledby="step-heading" className={BOX}>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="step-heading" className="text-lg font-semibold">
            督办内容
          </h2>
          {step.documentNumber && (
            <a
              href={`/api/escalations/${step.id}/docx`}
              download
              className="no-print rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              下载{label} Word 文件
            </a>
          )}
        </div>
        <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">督办对象</dt>
            <dd>
              <Link href={`/units/${step.unit.code}`} className="text-blue-800 hover:underline">
                {step.unit.name}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">督办事项</dt>
            <dd>
              {step.task && (
                <Link href={`/tasks/${step.task.number}`} className="text-blue-800 hover:underline">
                  任务 {step.task.number}
                </Link>
              )}{" "}
              {step.subject}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">督办日期</dt>
            <dd>
              {formatChineseDate(step.day)}（{step.createdBy}）
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">整改期限</dt>
            <dd className={step.overdue ? "font-medium text-red-800" : undefined}>
              {formatChineseDate(step.deadline)}
              {step.overdue && "（已超期）"}
            </dd>
          </div>
        </dl>
        {step.lateness && <p className="mt-3 text-sm text-slate-700">{step.lateness}</p>}
        <h3 className="mt-4 font-medium">督办事由</h3>
        <p className="mt-1 whitespace-pre-line leading-7">{step.reason}</p>
        <h3 className="mt-4 font-medium">整改要求</h3>
        <p className="mt-1 whitespace-pre-line leading-7">{step.requiredAction}</p>
      </section>

      <section aria-labelledby="ladder-heading" className={BOX}>
        <h2 id="ladder-heading" className="text-lg font-semibold">
          督办经过
        </h2>
        <ol className="mt-3 space-y-2 text-sm">
          {step.ladder.map((item) => (
            <li key={item.id} aria-current={item.id === step.id ? "step" : undefined} className="flex flex-wrap items-center gap-2">
              <StepBadge step={item.step} />
              {item.id === step.id ? (
                <strong>{item.documentNumber ?? `督办 ${item.id}`}（本页）</strong>
              ) : (
                <Link href={`/escalations/${item.id}`} className="text-blue-800 hover:underline">
                  {item.documentNumber ?? `督办 ${item.id}`}
                </Link>
              )}
              <span>{formatChineseDate(item.day)}</span>
              <StepState step={item} />
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="response-heading" className={BOX}>
        <h2 id="response-heading" className="text-lg font-semibold">
          落实情况
        </h2>
        {step.response ? (
          <>
            <p className="mt-2 text-sm text-slate-600">
              {step.respondedBy}，{step.respondedAt && formatChinaTime(step.respondedAt)}
            </p>
            <p className="mt-1 whitespace-pre-line">{step.response}</p>
          </>
        ) : (
          <p className="mt-2 text-slate-600">{step.unit.shortName}尚未填报落实情况。</p>
        )}
        {step.canRespond && (
          <div className="mt-4 border-t border-slate-200 pt-4">
            <RespondForm escalationId={step.id} version={step.version} current={step.response} />
          </div>
        )}
      </section>

      {!step.open ? (
        <section aria-labelledby="closed-heading" className={BOX}>
          <h2 id="closed-heading" className="text-lg font-semibold">
            办结情况
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            {step.closedBy}，{step.closedAt && formatChinaTime(step.closedAt)}
          </p>
          <p className="mt-1 whitespace-pre-line">{step.outcome}</p>
          {step.next && (
            <Link href={`/escalations/${step.next.id}`} className="mt-2 inline-block text-sm text-blue-800 hover:underline">
              查看{STEP_LABELS[step.next.step]} →
            </Link>
          )}
        </section>
      ) : (
        step.canManage && (
          <>
            <section aria-labelledby="close-heading" className={BOX}>
              <h2 id="close-heading" className="text-lg font-semibold">
                办结
              </h2>
              <p className="mt-1 text-sm text-slate-600">核实整改到位后办结，须填写办结结果。</p>
              <div className="mt-3">
                <CloseForm escalationId={step.id} version={step.version} />
              </div>
            </section>
            {step.nextSteps.length > 0 && (
              <section aria-labelledby="escalate-heading" className={BOX}>
                <h2 id="escalate-heading" className="text-lg font-semibold">
                  升级督办
                </h2>
                <p className="mt-1 text-sm text-slate-600">整改不到位时升级（可越级）；本{label}随之办结。</p>
                <div className="mt-3">
                  <EscalateForm
                    steps={step.nextSteps.map((item) => ({ value: item, label: STEP_LABELS[item] }))}
                    fixed={{
                      unit: step.unit.code,
                      task: step.task?.number,
                      quarter: step.quarter ? formatQuarter(step.quarter) : undefined,
                      previousId: step.id,
                      previousVersion: step.version,
                    }}
                    defaults={{
                      reason: `${formatChineseDate(step.day)}${label}${step.documentNumber ? `（${step.documentNumber}）` : ""}后，${step.response ? "落实情况未达到整改要求" : "未按期填报落实情况"}。`,
                      requiredAction: step.requiredAction,
                      deadline: addDays(chinaToday(), 14),
                    }}
                  />
                </div>
              </section>
            )}
          </>
        )
      )}
    </article>
  );
}
