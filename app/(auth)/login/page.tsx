import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/roles";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInHelpText } from "@/lib/admin/settings";
import { oidcErrorMessage, oidcSettings } from "@/lib/auth/oidc";
import { OidcSignInButton } from "@/components/auth/oidc-sign-in-button";

export const metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only a path on this site, never another origin, whatever the spelling (lib/auth/safe-redirect.ts).
  const callbackUrl = params.callbackUrl === undefined ? null : safeRedirectPath(params.callbackUrl);
  const user = await getCurrentUser();
  if (user) redirect(user.mustChangePassword ? "/account/password" : (callbackUrl ?? homePathFor(user.role, user.unitCode)));
  const oidc = oidcSettings();
  // Why a sign-in through the identity service did not happen (a known code only, never the parameter's text).
  const oidcError = oidc ? oidcErrorMessage(params.error) : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm text-slate-600">赣发〔2024〕8号 重点任务清单</p>
        <h1 className="mt-1 text-2xl font-semibold text-brand-700">美丽江西建设推进管理平台</h1>
        {params.changed === "1" && (
          <p className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900" role="status">
            密码已修改，所有设备上的登录均已退出，请用新密码登录。
          </p>
        )}
        {params.expired === "1" && (
          <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status">
            会话已超时，请重新登录。
          </p>
        )}
        {oidcError && (
          <p id="oidc-error" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800" role="alert">
            {oidcError}
          </p>
        )}
        <LoginForm callbackUrl={callbackUrl} forgotPasswordHelp={await signInHelpText()} />
        {oidc && <OidcSignInButton label={oidc.name} callbackUrl={callbackUrl} />}
      </div>
    </main>
  );
}
