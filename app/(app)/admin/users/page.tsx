import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserActiveToggle } from "@/components/admin/user-active-toggle";
import { requirePermission } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { listUsers } from "@/lib/admin/users";
import { listUnitOptions } from "@/lib/plan/units";
import { TableHead } from "@/components/ui/table-head";
import { formatChinaTime } from "@/lib/core/dates";

export const metadata = { title: "用户管理" };

export default async function UsersPage() {
  await requirePermission("users:manage");
  const [users, units] = await Promise.all([listUsers(), listUnitOptions()]);
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
          账号（{users.length} 个）
        </h2>
        <table className="w-full text-sm">
          <TableHead columns={["用户名", "姓名", "角色", "单位", "状态", "最近登录", "操作"]} />
          <tbody>
            {users.map((user) => (
              <tr key={user.username} className="border-t border-slate-200">
                <td className="px-3 py-2 font-mono">{user.username}</td>
                <td className="px-3 py-2">{user.displayName}</td>
                <td className="px-3 py-2">{ROLE_LABELS[user.role]}</td>
                <td className="px-3 py-2">{user.unit?.shortName ?? "—"}</td>
                <td className="px-3 py-2">{user.active ? "启用" : "已停用"}</td>
                <td className="px-3 py-2">{user.lastSignInAt ? formatChinaTime(user.lastSignInAt) : "—"}</td>
                <td className="px-3 py-2">
                  <UserActiveToggle username={user.username} active={user.active} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
