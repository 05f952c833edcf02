/** Inputs of administration: users, the reporting window and API tokens. */
import { z } from "@/lib/core/zod";
import { idSchema, lineSchema, versionSchema } from "@/lib/core/schemas";
import { ROLES } from "@/lib/auth/roles";

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
    displayName: lineSchema("姓名", "请填写姓名").min(1, "请填写姓名").max(50, "姓名不能超过 50 个字"),
    role: z.enum(ROLES, { message: "请选择角色" }),
    unitCode: lineSchema("单位").max(32, "单位代码无效").optional().default(""),
    password: passwordSchema,
  })
  .superRefine((value, ctx) => {
    if (value.role === "STAFF" && !value.unitCode) {
      ctx.addIssue({ code: "custom", path: ["unitCode"], message: "填报人必须绑定一个单位" });
    }
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const setUserActiveSchema = z.object({
  username: lineSchema("用户名").min(1, "用户名无效").max(32, "用户名无效"),
  active: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export const windowSettingSchema = z.object({
  windowDays: z.coerce
    .number({ message: "请填写 0–60 之间的天数" })
    .int("请填写整数天数")
    .min(0, "请填写 0–60 之间的天数")
    .max(60, "请填写 0–60 之间的天数"),
  version: versionSchema,
});
export type WindowSettingInput = z.output<typeof windowSettingSchema>;

export const apiTokenSchema = z.object({
  name: lineSchema("令牌用途", "请填写令牌用途").min(1, "请填写令牌用途").max(50, "名称不能超过 50 字"),
});

export const revokeTokenSchema = z.object({ id: idSchema("令牌无效") });
