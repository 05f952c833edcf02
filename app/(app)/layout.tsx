import { AppHeader } from "@/components/layout/app-header";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { unreadNoticeCount } from "@/lib/notices/inbox";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // The header's 收件箱 with its unread count, for everyone notices can be for.
  const unreadNotices = can(user.role, "notice:read") ? await unreadNoticeCount(user.id) : null;
  const links = [
    can(user.role, "dashboard:read") && { href: "/dashboard", label: "总览" },
    can(user.role, "report:write") && { href: "/my", label: "我的待办" },
    can(user.role, "report:write") && { href: "/measures", label: "年度举措" },
    can(user.role, "report:write") && { href: "/annual-reports", label: "年度工作情况" },
    can(user.role, "report:review") && { href: "/review", label: "审核台" },
    can(user.role, "report:review") && { href: "/review/measures", label: "举措审核" },
    can(user.role, "report:review") && { href: "/review/unit-reports", label: "单位年度报告" },
    can(user.role, "report:lead-review") && { href: "/lead-review", label: "牵头审核" },
    can(user.role, "report:review") && { href: "/reminders", label: "催办" },
    can(user.role, "report:read") && { href: "/escalations", label: "督办台账" },
    can(user.role, "coordination:read") && { href: "/coordination", label: "需协调事项" },
    can(user.role, "annual:read") && { href: "/annual", label: "年度报告" },
    can(user.role, "evaluation:read") && { href: "/evaluation", label: "进展评估" },
    can(user.role, "assessment:read") && { href: "/assessment", label: "成效考核" },
    can(user.role, "assessment:self") && { href: "/assessment", label: "成效考核自评" },
    can(user.role, "plan:read") && { href: "/tasks", label: "重点任务" },
    can(user.role, "plan:read") && { href: "/units", label: "责任单位" },
    can(user.role, "plan:read") && { href: "/indicators", label: "目标指标" },
    can(user.role, "plan:edit") && { href: "/admin/amendments", label: "计划调整" },
    can(user.role, "users:manage") && { href: "/admin/users", label: "用户管理" },
    can(user.role, "settings:manage") && { href: "/admin/settings", label: "系统设置" },
    can(user.role, "audit:read") && { href: "/audit", label: "审计日志" },
  ].filter((link): link is { href: string; label: string } => Boolean(link));
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        跳到正文
      </a>
      <AppHeader user={user} links={links} unreadNotices={unreadNotices} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
