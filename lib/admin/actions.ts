"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "../core/action";
import { createUserSchema, setLeadUnitSchema, setUserActiveSchema } from "@/lib/admin/schemas";
import { createUser, setTaskLeadUnit, setUserActive } from "@/lib/admin/users";

export const setLeadUnitAction = validatedAction("plan:edit", setLeadUnitSchema, async (input, user) => {
  await setTaskLeadUnit(input, user.id);
  revalidatePath(`/tasks/${input.taskNumber}`);
  revalidatePath("/tasks");
  return input.unitCode ? "已设置牵头单位。" : "已清除牵头单位。";
});

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
