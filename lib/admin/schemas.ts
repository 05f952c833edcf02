import { z } from "../core/zod";
import { ROLES } from "@/lib/auth/roles";

export const setLeadUnitSchema = z.object({
  taskNumber: z.coerce.number({ message: "任务编号无效" }).int("任务编号无效").min(1, "任务编号无效").max(999, "任务编号无效"),
  unitCode: z.string().trim().max(32, "单位代码无效"),
  version: z.coerce.number({ message: "版本号无效" }).int("版本号无效").min(1, "版本号无效"),
});
export type SetLeadUnitInput = z.infer<typeof setLeadUnitSchema>;

/** Minimum password policy: length and at least three character classes. */
export const passwordSchema = z
  .string()
  .min(10, "密码至少 10 位")
  .max(128, "密码不能超过 128 位")
  .refine(
    (value) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length >= 3,
    "密码须包含大写字母、小写字母、数字、符号中的至少三类",
  );

export const createUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(2, "用户名至少 2 个字符")
      .max(32, "用户名不能超过 32 个字符")
      .regex(/^[a-z0-9_.-]+$/, "用户名只能包含小写字母、数字、下划线、点和连字符"),
    displayName: z.string().trim().min(1, "请填写姓名").max(50, "姓名不能超过 50 个字"),
    role: z.enum(ROLES, { message: "请选择角色" }),
    unitCode: z.string().trim().max(32).optional().default(""),
    password: passwordSchema,
  })
  .superRefine((value, ctx) => {
    if (value.role === "STAFF" && !value.unitCode) {
      ctx.addIssue({ code: "custom", path: ["unitCode"], message: "填报人必须绑定一个单位" });
    }
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const setUserActiveSchema = z.object({
  username: z.string().trim().min(1).max(32),
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});
