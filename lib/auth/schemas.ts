import { z } from "@/lib/core/zod";
import { passwordSchema } from "@/lib/admin/schemas";
import { lineSchema } from "@/lib/core/schemas";

export const signInSchema = z.object({
  username: lineSchema("用户名", "请输入用户名").min(1, "请输入用户名").max(64, "用户名过长"),
  password: z.string().min(1, "请输入密码").max(256, "密码过长"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, "请输入当前密码").max(256, "密码过长"),
    password: passwordSchema,
    confirm: z.string(),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "两次输入的新密码不一致" });
    if (value.password === value.current) ctx.addIssue({ code: "custom", path: ["password"], message: "新密码不能与当前密码相同" });
  });
