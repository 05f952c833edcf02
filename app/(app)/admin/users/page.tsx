import Link from "next/link";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserActiveToggle } from "@/components/admin/user-active-toggle";
import { UserEditActions } from "@/components/admin/user-edit-forms";
import { requirePermission } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { listUsers } from "@/lib/admin/users";
import { userSearchSchema } from "@/lib/admin/schemas";
import { listUnitOptions } from "@/lib/plan/units";
import { TableHead } from "@/components/ui/table-head";
import { formatChinaTime } from "@/lib/core/dates";
import { issuesText, parseSearchParams, type SearchParamsInput } from "@/lib/core/schemas";

export const metadata = { title: "用户管理" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const admin = await requirePermission("users:manage");
  const parsed = parseSearchParams(userSearchSchema, await searchParams);
  const search = parsed.success ? parsed.data : { page: 1 };
  const [{ total, page, pages, rows }, units] = await Promise.all([listUsers(search), listUnitOptions()]);
  const pageHref = (target: number) => {
    const params = new URLSearchParams();
    if (search.q) params.set("q", search.q);
    if (target > 1) params.set("page", String(target));
    const query = params.toString();
    return query ? `/admin/users?${query}` : "/admin/users";
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">用户管理</h1>
      <section aria-labelledby="new-user" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="new-user" className="mb-3 text-lg font-semibold">
          新建账号
        </h2>
        <CreateUserForm units={units} />
      </section>
      <section aria-labelledby="user-list" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="user-list" className="mb-3 text-lg font-semibold">
          账号（{search.q ? `找到 ${total} 个` : `${total} 个`}）
        </h2>
        <form method="get" action="/admin/users" role="search" aria-label="查找账号" className="mb-3 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="user-search" className="block text-sm font-medium">
              查找账号
            </label>
            <input
              id="user-search"
              name="q"
              defaultValue={search.q ?? ""}
              aria-describedby="user-search-hint"
              className="mt-1 w-64 rounded border border-slate-300 px-2 py-1.5"
            />
          </div>
          <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white">
            查找
          </button>
          {search.q && (
            <Link href="/admin/users" className="py-1.5 text-blue-800 underline">
              显示全部
            </Link>
          )}
          <p id="user-search-hint" className="w-full text-sm text-slate-600">
            可按用户名、姓名或单位名称查找。
          </p>
          {!parsed.success && (
            <p role="alert" className="w-full text-sm text-red-800">
              {issuesText(parsed.error)}
            </p>
          )}
        </form>
        <table className="w-full text-sm">
          <TableHead columns={["用户名", "姓名", "角色", "单位", "状态", "最近登录", "操作"]} />
          <tbody>
            {rows.map((user) => (
              <tr key={user.username} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2 font-mono">{user.username}</td>
                <td className="px-3 py-2">{user.displayName}</td>
                <td className="px-3 py-2">{ROLE_LABELS[user.role]}</td>
                <td className="px-3 py-2">{user.unit?.shortName ?? "—"}</td>
                <td className="px-3 py-2">
                  {user.active ? "启用" : "已停用"}
                  {user.active && user.mustChangePassword && <span className="block text-xs text-amber-800">待修改密码</span>}
                </td>
                <td className="px-3 py-2">{user.lastSignInAt ? formatChinaTime(user.lastSignInAt) : "—"}</td>
                <td className="space-y-2 px-3 py-2">
                  <UserEditActions
                    account={{ username: user.username, displayName: user.displayName, role: user.role, unitCode: user.unit?.code ?? null }}
                    units={units}
                    self={user.username === admin.username}
                  />
                  {user.username !== admin.username && (
                    <UserActiveToggle key={String(user.active)} username={user.username} active={user.active} />
                  )}
                  <Link href={`/admin/users/${user.username}/identities`} className="block text-xs text-blue-800 underline">
                    统一身份认证（{user._count.identities ? `已关联 ${user._count.identities} 个` : "未关联"}）
                    <span className="sr-only"> {user.username}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="p-6 text-center text-slate-600">没有符合条件的账号。</p>}
        <nav aria-label="分页" className="mt-3 flex gap-3">
          {page > 1 && (
            <Link href={pageHref(page - 1)} className="text-blue-800 underline">
              上一页
            </Link>
          )}
          <span>
            第 {page} / {pages} 页
          </span>
          {page < pages && (
            <Link href={pageHref(page + 1)} className="text-blue-800 underline">
              下一页
            </Link>
          )}
        </nav>
      </section>
    </div>
  );
}
