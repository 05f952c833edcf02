"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { apiTokenSchema, createUserSchema, revokeTokenSchema, setUserActiveSchema, windowSettingSchema } from "./schemas";
import { createUser, setUserActive } from "./users";
import { setWindowDays } from "./settings";
import { issueApiToken, revokeApiToken } from "./api-tokens";

export const createUserAction = validatedAction("users:manage", createUserSchema, async (input, user) => {
  await createUser(input, user.id);
  revalidatePath("/admin/users");
  return `已创建账号 ${input.username}，首次登录须修改初始密码。`;
});

export const setUserActiveAction = validatedAction("users:manage", setUserActiveSchema, async (input, user) => {
  await setUserActive(input.username, input.active, user.id);
  revalidatePath("/admin/users");
  return input.active ? `已启用账号 ${input.username}。` : `已停用账号 ${input.username}。`;
});

export const windowSettingAction = validatedAction("settings:manage", windowSettingSchema, async (input, user) => {
  await setWindowDays(input, user.id);
  revalidatePath("/admin/settings");
  return `报送期限已设为季度结束后 ${input.windowDays} 天。`;
});

export const issueTokenAction = validatedAction("settings:manage", apiTokenSchema, async (input, user) => {
  const token = await issueApiToken(input.name, user.id);
  revalidatePath("/admin/tokens");
  return `已签发令牌（只显示这一次，请立即复制）：${token}`;
});

export const revokeTokenAction = validatedAction("settings:manage", revokeTokenSchema, async (input, user) => {
  await revokeApiToken(input.id, user.id);
  revalidatePath("/admin/tokens");
  return "已吊销令牌。";
});
