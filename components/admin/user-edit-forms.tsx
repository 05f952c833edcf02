"use client";

import { useState } from "react";
import { resetPasswordAction, updateUserAction } from "@/lib/admin/actions";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { useFormAction } from "@/components/ui/use-form-action";

export interface AccountRow {
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
}

const INPUT = "mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

function fieldProps(prefix: string, name: string, errors: Record<string, string[]>) {
  return {
    id: `${prefix}-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${prefix}-${name}-error` : undefined,
    className: INPUT,
  };
}

/** The admin edits an account's name, role and unit (staff need a unit; see unitRuleIssue). */
function EditUserForm({ account, units }: { account: AccountRow; units: { code: string; shortName: string }[] }) {
  const { state, pending, formProps, messageProps } = useFormAction(updateUserAction);
  const prefix = `edit-${account.username}`;
  const field = (name: string) => fieldProps(prefix, name, state.fieldErrors);
  return (
    <form {...formProps} aria-label={`编辑账号 ${account.username}`} className="space-y-2" noValidate>
      <input type="hidden" name="username" value={account.username} />
      <input type="hidden" name="wasDisplayName" value={account.displayName} />
      <input type="hidden" name="wasRole" value={account.role} />
      <input type="hidden" name="wasUnitCode" value={account.unitCode ?? ""} />
      <div>
        <label htmlFor={`${prefix}-displayName`} className="block text-xs font-medium">
          账号姓名
        </label>
        <input {...field("displayName")} defaultValue={state.values.displayName ?? account.displayName} />
        <FieldError id={`${prefix}-displayName-error`} errors={state.fieldErrors.displayName} />
      </div>
      <div>
        <label htmlFor={`${prefix}-role`} className="block text-xs font-medium">
          账号角色
        </label>
        <select {...field("role")} defaultValue={state.values.role ?? account.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-role-error`} errors={state.fieldErrors.role} />
      </div>
      <div>
        <label htmlFor={`${prefix}-unitCode`} className="block text-xs font-medium">
          账号所属单位（填报人必填，领导、管理员、审计员不绑定）
        </label>
        <select {...field("unitCode")} defaultValue={state.values.unitCode ?? account.unitCode ?? ""}>
          <option value="">（无）</option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {unit.shortName}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-unitCode-error`} errors={state.fieldErrors.unitCode} />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1 text-sm text-white disabled:opacity-60">
        {pending ? "保存中…" : "保存修改"}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}

/** Sets a temporary password (generated, or typed by the admin), shown once; the user must change it at the next sign-in. */
function ResetPasswordForm({ username }: { username: string }) {
  const { state, pending, formProps, messageProps } = useFormAction(resetPasswordAction, { resetOnSuccess: true });
  const [mode, setMode] = useState<"generate" | "set">("generate");
  const prefix = `reset-${username}`;
  const issued = state.ok ? (state.data as { temporaryPassword?: string } | undefined)?.temporaryPassword : undefined;
  return (
    <form {...formProps} aria-label={`重置 ${username} 的密码`} className="space-y-2 text-sm" noValidate>
      <input type="hidden" name="username" value={username} />
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium">临时密码的设定方式</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" value="generate" checked={mode === "generate"} onChange={() => setMode("generate")} />
          由系统生成
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" value="set" checked={mode === "set"} onChange={() => setMode("set")} />
          自行设定
        </label>
      </fieldset>
      {mode === "set" && (
        <div>
          <label htmlFor={`${prefix}-password`} className="block text-xs font-medium">
            设定的临时密码
          </label>
          <input {...fieldProps(prefix, "password", state.fieldErrors)} type="password" autoComplete="new-password" />
          <FieldError id={`${prefix}-password-error`} errors={state.fieldErrors.password} />
        </div>
      )}
      <button type="submit" disabled={pending} className="rounded bg-amber-700 px-3 py-1 text-white disabled:opacity-60">
        {pending ? "重置中…" : "确认重置密码"}
      </button>
      <FormMessage {...messageProps} />
      {issued && (
        <p className="rounded border border-slate-300 bg-slate-50 p-2">
          临时密码（只显示这一次，请当面或电话告知本人）：
          <code className="font-mono text-base" aria-label="临时密码">
            {issued}
          </code>
        </p>
      )}
    </form>
  );
}

/** Per account: 编辑 and 重置密码 open their form below the row's buttons. */
export function UserEditActions({
  account,
  units,
  self,
}: {
  account: AccountRow;
  units: { code: string; shortName: string }[];
  self: boolean;
}) {
  const [open, setOpen] = useState<"edit" | "reset" | null>(null);
  const toggle = (panel: "edit" | "reset") => setOpen((current) => (current === panel ? null : panel));
  const button = "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100";
  return (
    <div className="space-y-2">
      <p className="flex gap-2">
        <button type="button" className={button} aria-expanded={open === "edit"} onClick={() => toggle("edit")}>
          编辑<span className="sr-only"> {account.username}</span>
        </button>
        {!self && (
          <button type="button" className={button} aria-expanded={open === "reset"} onClick={() => toggle("reset")}>
            重置密码<span className="sr-only"> {account.username}</span>
          </button>
        )}
      </p>
      {open === "edit" && <EditUserForm account={account} units={units} />}
      {open === "reset" && <ResetPasswordForm username={account.username} />}
    </div>
  );
}
