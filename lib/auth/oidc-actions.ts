"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { linkIdentitySchema, unlinkIdentitySchema } from "./oidc-schemas";
import { linkIdentity, unlinkIdentity } from "./oidc-identities";
import { oidcSettings } from "./oidc";

const identitiesPath = (username: string) => `/admin/users/${username}/identities`;

export const linkIdentityAction = validatedAction("users:manage", linkIdentitySchema, async (input, user) => {
  await linkIdentity(input, user.id, oidcSettings()?.issuer ?? null);
  revalidatePath(identitiesPath(input.username));
  revalidatePath("/admin/users");
  return `已将统一身份认证账号 ${input.subject} 关联到账号 ${input.username}。`;
});

export const unlinkIdentityAction = validatedAction("users:manage", unlinkIdentitySchema, async (input, user) => {
  const sessionsEnded = await unlinkIdentity(input, user.id);
  revalidatePath(identitiesPath(input.username));
  revalidatePath("/admin/users");
  return sessionsEnded ? `已解除关联，账号 ${input.username} 的 ${sessionsEnded} 个登录会话已全部退出。` : `已解除关联。`;
});
