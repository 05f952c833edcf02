import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { listUserIdentities } from "@/lib/auth/oidc-identities";
import { oidcSettings } from "@/lib/auth/oidc";
import { usernameParamSchema } from "@/lib/auth/oidc-schemas";
import { formatChinaTime } from "@/lib/core/dates";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { TableHead } from "@/components/ui/table-head";
import { LinkIdentityForm, UnlinkIdentityButton } from "@/components/admin/user-identity-forms";

export async function generateMetadata({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  return { title: `统一身份认证关联 · ${username}` };
}

/** The names the identity service gave the person, as the admin recognises them. */
function claimsText(claims: Record<string, string>): string {
  const parts = [claims.name, claims.preferred_username && `用户名 ${claims.preferred_username}`, claims.email].filter(Boolean);
  return parts.length ? parts.join("，") : "—";
}

export default async function UserIdentitiesPage({ params }: { params: Promise<{ username: string }> }) {
  await requirePermission("users:manage");
  const parsed = usernameParamSchema.safeParse((await params).username);
  const account = parsed.success ? await listUserIdentities(parsed.data) : null;
  if (!account) notFound();
  const oidc = oidcSettings();
  return (
    <article className="space-y-6">
      <Breadcrumb href="/admin/users" label="用户管理">
        统一身份认证关联
      </Breadcrumb>
      <header>
        <h1 className="text-2xl font-semibold">
          统一身份认证关联：{account.displayName}（{account.username}）
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          关联后，此人可用统一身份认证登录本系统，以本账号的角色和单位办理业务；账号停用后不能登录。解除关联后，该账号的所有登录会话立即退出。
        </p>
        {!oidc && (
          <p role="status" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            本系统尚未启用统一身份认证登录（未配置 OIDC_ISSUER），关联在启用后生效。
          </p>
        )}
      </header>
      <section aria-labelledby="linked-identities" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="linked-identities" className="mb-3 text-lg font-semibold">
          已关联的统一身份认证账号（{account.identities.length} 个）
        </h2>
        {account.identities.length ? (
          <table aria-labelledby="linked-identities" className="w-full text-sm">
            <TableHead columns={["账号标识", "统一身份认证服务", "身份信息", "关联方式", "关联时间", "最近使用", "操作"]} />
            <tbody>
              {account.identities.map((identity) => (
                <tr key={identity.id} className="border-t border-slate-200 align-top">
                  <td className="px-3 py-2 font-mono break-all">{identity.subject}</td>
                  <td className="px-3 py-2 break-all">{identity.issuer}</td>
                  <td className="px-3 py-2">{claimsText(identity.claims)}</td>
                  <td className="px-3 py-2">
                    {identity.linkedBy
                      ? `管理员 ${identity.linkedBy.displayName}（${identity.linkedBy.username}）关联`
                      : "首次登录时自动关联"}
                  </td>
                  <td className="px-3 py-2">{formatChinaTime(identity.linkedAt)}</td>
                  <td className="px-3 py-2">{identity.lastUsedAt ? formatChinaTime(identity.lastUsedAt) : "尚未使用"}</td>
                  <td className="px-3 py-2">
                    <UnlinkIdentityButton username={account.username} id={identity.id} subject={identity.subject} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-slate-600">尚未关联统一身份认证账号。</p>
        )}
      </section>
      <section aria-labelledby="link-identity" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="link-identity" className="mb-3 text-lg font-semibold">
          关联统一身份认证账号
        </h2>
        <LinkIdentityForm username={account.username} configuredIssuer={oidc?.issuer ?? null} />
      </section>
    </article>
  );
}
