import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata = { title: "修改密码" };

/** Outside the signed-in layout: users who must change an initial password can reach nothing else. */
export default async function ChangePasswordPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login?callbackUrl=%2Faccount%2Fpassword");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-brand-700">修改密码</h1>
        {user.mustChangePassword && (
          <p role="status" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            {user.displayName}，您正在使用管理员设置的初始密码，请先修改密码后再使用系统。
          </p>
        )}
        <ChangePasswordForm />
      </div>
    </main>
  );
}
