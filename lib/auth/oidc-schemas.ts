/** The admin's inputs for linking identities of the identity service (统一身份认证) to local accounts. */
import { z } from "@/lib/core/zod";
import { idSchema, lineSchema } from "@/lib/core/schemas";

/** An existing account named in a form (hidden field). */
const usernameRef = lineSchema("用户名").min(1, "用户名无效").max(32, "用户名无效");

/** The blank issuer field means the configured identity service (OIDC_ISSUER). */
const issuerField = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string()
    .trim()
    .max(300, "统一身份认证服务地址不能超过 300 个字符")
    .pipe(z.url({ protocol: /^https?$/, message: "请填写统一身份认证服务地址（issuer），如 https://sso.example.gov.cn" }))
    .optional(),
);

export const linkIdentitySchema = z.object({
  username: usernameRef,
  issuer: issuerField,
  subject: lineSchema("统一身份认证账号标识", "请填写统一身份认证账号标识")
    .min(1, "请填写统一身份认证账号标识（sub）")
    .max(255, "统一身份认证账号标识不能超过 255 个字符"),
});
export type LinkIdentityInput = z.output<typeof linkIdentitySchema>;

export const unlinkIdentitySchema = z.object({ username: usernameRef, id: idSchema("关联记录无效") });
export type UnlinkIdentityInput = z.output<typeof unlinkIdentitySchema>;

/** A username in the address of the page (lowercase letters, digits, `_`, `.`, `-`). */
export const usernameParamSchema = z.string().regex(/^[a-z0-9_.-]{2,32}$/);
