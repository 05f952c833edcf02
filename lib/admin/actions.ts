"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import {
  apiTokenSchema,
  createUserSchema,
  resetPasswordSchema,
  revokeTokenSchema,
  setUserActiveSchema,
  signInHelpSchema,
  updateUserSchema,
  windowSettingSchema,
} from "./schemas";
import { createUser, resetPassword, setUserActive, updateUser } from "./users";
import { setSignInHelp, setWindowDays } from "./settings";
import { issueApiToken, revokeApiToken } from "./api-tokens";

export const createUserAction = validatedAction("users:manage", createUserSchema, async (input, user) => {
  await createUser(input, user.id);
  revalidatePath("/admin/users");
  return `已创建账号 ${input.username}，首次登录须修改初始密码。`;
});

export const updateUserAction = validatedAction("users:manage", updateUserSchema, async (input, user) => {
  await updateUser(input, user.id);
  revalidatePath("/admin/users");
  return `已保存账号 ${input.username} 的姓名、角色和单位。`;
});

export const resetPasswordAction = validatedAction("users:manage", resetPasswordSchema, async (input, user) => {
  const password = await resetPassword(input, user.id);
  revalidatePath("/admin/users");
  return {
    message: `已重置 ${input.username} 的密码，该账号的登录已全部退出，下次登录须修改密码。`,
    data: { temporaryPassword: password },
  };
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

export const signInHelpAction = validatedAction("settings:manage", signInHelpSchema, async (input, user) => {
  await setSignInHelp(input, user.id);
  revalidatePath("/admin/settings");
  revalidatePath("/login");
  return "已保存登录页的忘记密码提示。";
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
