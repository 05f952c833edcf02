import { IssueTokenForm, RevokeTokenButton, SignInHelpForm, WindowSettingForm } from "@/components/admin/settings-forms";
import { requirePermission } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/admin/api-tokens";
import { formatChinaTime } from "@/lib/core/dates";
import { getSignInHelp, getWindowSetting } from "@/lib/admin/settings";
import { TableHead } from "@/components/ui/table-head";
import Link from "next/link";
import { NoticeRulesForm, WebhookSettingForm } from "@/components/notices/admin-forms";
import { getNoticeRules } from "@/lib/notices/notice-settings";
import { getWebhookSetting } from "@/lib/notices/webhook-settings";

export const metadata = { title: "系统设置" };

export default async function SettingsPage() {
  await requirePermission("settings:manage");
  const [window, tokens, signInHelp, webhook, noticeRules] = await Promise.all([
    getWindowSetting(),
    listApiTokens(),
    getSignInHelp(),
    getWebhookSetting(),
    getNoticeRules(),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">系统设置</h1>
      <section aria-labelledby="window-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="window-heading" className="text-lg font-semibold">
          季度报送期限
        </h2>
        <p className="mb-3 text-sm text-slate-600">每季度的进展报告须在季度结束后若干天内提交，逾期即为“逾期未报”。</p>
        <WindowSettingForm windowDays={window.windowDays} version={window.version} />
      </section>
      <section aria-labelledby="sign-in-help-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="sign-in-help-heading" className="text-lg font-semibold">
          登录页的忘记密码提示
        </h2>
        <p className="mb-3 text-sm text-slate-600">显示在登录页，告诉忘记密码的用户找谁重置，可写明联系部门和电话。</p>
        <SignInHelpForm text={signInHelp.text} version={signInHelp.version} />
      </section>
      <section aria-labelledby="webhook-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="webhook-heading" className="text-lg font-semibold">
          消息推送（赣政通等）
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          紧急通知除邮件外，还可推送到消息网关，由网关转发到本人的赣政通或手机短信（本人在“通知设置”中填写账号）。另见{" "}
          <Link href="/admin/notices" className="text-blue-800 underline">
            通知发送记录
          </Link>{" "}
          和{" "}
          <Link href="/admin/notices/units" className="text-blue-800 underline">
            单位通知默认设置
          </Link>
          。
        </p>
        <WebhookSettingForm url={webhook.url} enabled={webhook.enabled} secretSet={webhook.secretSet} version={webhook.version} />
      </section>
      <section aria-labelledby="notice-rules-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="notice-rules-heading" className="text-lg font-semibold">
          自动提醒规则
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          每日自动提醒各单位：报告到期、逾期、待审核、节点到期和年度工作情况报告；非紧急提醒每人每天汇总为一条；提醒未处理的逐级提醒单位负责人和省生态环境厅。
        </p>
        <NoticeRulesForm rules={noticeRules} version={noticeRules.version} />
      </section>
      <section aria-labelledby="tokens-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          接口令牌
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          供其他系统只读调用 <code>GET /api/v1/progress</code>（仅审核通过的报告）：请求头 <code>Authorization: Bearer 令牌</code>。
        </p>
        <IssueTokenForm />
        <table className="mt-4 w-full text-sm">
          <TableHead columns={["用途", "前缀", "签发", "最近使用", "状态"]} dense />
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} className="border-t border-slate-200">
                <td className="px-2 py-1">{token.name}</td>
                <td className="px-2 py-1 font-mono">{token.prefix}…</td>
                <td className="px-2 py-1">
                  {token.createdBy.displayName}，{formatChinaTime(token.createdAt)}
                </td>
                <td className="px-2 py-1">{token.lastUsedAt ? formatChinaTime(token.lastUsedAt) : "从未"}</td>
                <td className="px-2 py-1">{token.revokedAt ? "已吊销" : <RevokeTokenButton id={token.id} name={token.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
