import { requireUser } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";

export const metadata = { title: "使用说明" };

/** How the system is used, role by role (also the benchmark's "trivial page"). */
export default async function HelpPage() {
  const user = await requireUser();
  return (
    <article className="max-w-3xl space-y-4 leading-7">
      <h1 className="text-2xl font-semibold">使用说明</h1>
      <p>
        您当前的角色是{ROLE_LABELS[user.role]}
        {user.unitName ? `（${user.unitName}）` : ""}。
      </p>
      <h2 className="text-lg font-semibold">季度报送流程</h2>
      <ol className="list-decimal space-y-1 pl-6">
        <li>填报人在“我的待办”中找到本季度应报送的任务，填写工作进展、相关指标数值，上传佐证材料后提交审核。</li>
        <li>省生态环境厅在“审核台”逐份或批量审核：通过，或填写意见后退回。</li>
        <li>被退回的报告排在填报人待办的最前面，修改后重新提交。</li>
        <li>只有审核通过的报告和指标数值计入总览和年度报告。</li>
        <li>季度结束后规定天数内未报送的，审核人可在“催办”中向单位发出催办或通报。</li>
      </ol>
    </article>
  );
}
