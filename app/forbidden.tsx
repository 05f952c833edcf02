import { PageNotice } from "@/components/ui/page-notice";

/** What forbidden() renders, with status 403: the page /forbidden, where refused pages send the user. */
export default function Forbidden() {
  return (
    <main className="px-4">
      <PageNotice title="无权访问">当前账号的角色或所属单位无权查看此页面。如需权限，请联系系统管理员。</PageNotice>
    </main>
  );
}
