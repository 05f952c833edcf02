"use client";

import { createUserAction } from "@/lib/admin/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { useFormAction } from "@/components/ui/use-form-action";

export function CreateUserForm({ units }: { units: { code: string; shortName: string }[] }) {
  const { state, pending, formProps, messageProps } = useFormAction(createUserAction, { resetOnSuccess: true });
  const field = (name: string) => ({
    id: `user-${name}`,
    name,
    "aria-invalid": state.fieldErrors[name] ? true : undefined,
    "aria-describedby": state.fieldErrors[name] ? `user-${name}-error` : undefined,
    className: "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5",
  });
  return (
    <form {...formProps} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="新建账号">
      <div>
        <label htmlFor="user-username" className="block text-sm font-medium">
          用户名
        </label>
        <input {...field("username")} defaultValue={state.ok ? "" : state.values.username} autoComplete="off" />
        <FieldError id="user-username-error" errors={state.fieldErrors.username} />
      </div>
      <div>
        <label htmlFor="user-displayName" className="block text-sm font-medium">
          姓名
        </label>
        <input {...field("displayName")} defaultValue={state.ok ? "" : state.values.displayName} />
        <FieldError id="user-displayName-error" errors={state.fieldErrors.displayName} />
      </div>
      <div>
        <label htmlFor="user-role" className="block text-sm font-medium">
          角色
        </label>
        <select {...field("role")} defaultValue={state.values.role ?? "STAFF"}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        <FieldError id="user-role-error" errors={state.fieldErrors.role} />
      </div>
      <div>
        <label htmlFor="user-unitCode" className="block text-sm font-medium">
          所属单位（填报人必填）
        </label>
        <select {...field("unitCode")} defaultValue={state.values.unitCode ?? ""}>
          <option value="">（无）</option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.shortName}
            </option>
          ))}
        </select>
        <FieldError id="user-unitCode-error" errors={state.fieldErrors.unitCode} />
      </div>
      <div>
        <label htmlFor="user-password" className="block text-sm font-medium">
          初始密码
        </label>
        <input {...field("password")} type="password" autoComplete="new-password" />
        <FieldError id="user-password-error" errors={state.fieldErrors.password} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-5">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-1.5 text-white disabled:opacity-60">
          {pending ? "创建中…" : "创建账号"}
        </button>
        <FormMessage {...messageProps} />
      </div>
    </form>
  );
}
