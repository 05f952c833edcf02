"use client";

import { noticeRulesAction, requeueDeliveryAction, unitNoticeDefaultAction, webhookSettingAction } from "@/lib/notices/actions";
import { FieldError, FormMessage, InlineFailure } from "@/components/ui/field-error";
import { FormField, invalidProps } from "@/components/ui/form-field";
import { useFormAction } from "@/components/ui/use-form-action";

const INPUT = "mt-1 block w-full max-w-xl rounded border border-slate-300 bg-white px-2 py-1.5";

/**
 * The messaging gateway: address, shared secret and on/off. The secret is never sent back to the
 * page: the field starts empty and says whether one is set; leaving it empty keeps it.
 */
export function WebhookSettingForm({
  url,
  enabled,
  secretSet,
  version,
}: {
  url: string | null;
  enabled: boolean;
  secretSet: boolean;
  version: number;
}) {
  const { state, pending, formProps, messageProps } = useFormAction(webhookSettingAction);
  return (
    <form {...formProps} aria-label="消息推送设置" className="space-y-3" noValidate key={version}>
      <input type="hidden" name="version" value={version} />
      <FormField id="webhook-url" label="推送地址（网关接收通知的网址）" state={state} name="url">
        <input
          id="webhook-url"
          name="url"
          type="url"
          placeholder="https://gateway.intranet/meili/notices"
          defaultValue={state.values.url ?? url ?? ""}
          {...invalidProps(state, "url", "webhook-url")}
          className={INPUT}
        />
      </FormField>
      <FormField
        id="webhook-secret"
        label={secretSet ? "共享密钥（已设置；留空则不修改）" : "共享密钥（尚未设置）"}
        state={state}
        name="secretPassword"
      >
        <input
          id="webhook-secret"
          name="secretPassword"
          type="password"
          autoComplete="new-password"
          {...invalidProps(state, "secretPassword", "webhook-secret")}
          className={INPUT}
        />
      </FormField>
      <p className="text-sm text-slate-600">
        每次推送以 JSON 发送，请求头 <code>X-Meili-Signature: sha256=…</code> 为请求体的 HMAC-SHA256 签名（以共享密钥计算），
        <code>X-Meili-Delivery</code> 为发送记录编号。
      </p>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="enabled" defaultChecked={state.values.enabled ? state.values.enabled === "on" : enabled} />
        启用消息推送
      </label>
      <FieldError id="webhook-enabled-error" errors={state.fieldErrors.enabled} />
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        {pending ? "保存中…" : "保存"}
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}

export interface UnitDefaultRow {
  code: string;
  shortName: string;
  emailEnabled: boolean;
  webhookEnabled: boolean;
  quietStart: string | null;
  quietEnd: string | null;
  version: number;
}

/** One unit's defaults, one row of the table. */
export function UnitDefaultForm({ unit }: { unit: UnitDefaultRow }) {
  const { state, pending, formProps, messageProps } = useFormAction(unitNoticeDefaultAction);
  const id = (name: string) => `${unit.code}-${name}`;
  const errors = [...(state.fieldErrors.quietStart ?? []), ...(state.fieldErrors.quietEnd ?? [])];
  return (
    <form
      {...formProps}
      aria-label={`${unit.shortName}的通知默认设置`}
      className="flex flex-wrap items-center gap-x-4 gap-y-1"
      noValidate
      key={unit.version}
    >
      <input type="hidden" name="unitCode" value={unit.code} />
      <input type="hidden" name="version" value={unit.version} />
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" name="emailEnabled" defaultChecked={unit.emailEnabled} />
        邮件
      </label>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" name="webhookEnabled" defaultChecked={unit.webhookEnabled} />
        消息推送
      </label>
      <span className="flex items-center gap-1 text-sm">
        <label htmlFor={id("quietStart")}>免打扰</label>
        <input
          id={id("quietStart")}
          name="quietStart"
          type="time"
          defaultValue={state.values.quietStart ?? unit.quietStart ?? ""}
          aria-label={`${unit.shortName}免打扰开始`}
          {...invalidProps(state, "quietStart", id("quiet"))}
          className="rounded border border-slate-300 px-1 py-0.5"
        />
        –
        <input
          id={id("quietEnd")}
          name="quietEnd"
          type="time"
          defaultValue={state.values.quietEnd ?? unit.quietEnd ?? ""}
          aria-label={`${unit.shortName}免打扰结束`}
          {...invalidProps(state, "quietEnd", id("quiet"))}
          className="rounded border border-slate-300 px-1 py-0.5"
        />
      </span>
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-60"
      >
        保存<span className="sr-only">{unit.shortName}</span>
      </button>
      <FieldError id={`${id("quiet")}-error`} errors={errors.length ? errors : undefined} />
      <FormMessage {...messageProps} />
    </form>
  );
}

/** 重新发送 beside a failed delivery. */
export function RequeueButton({ id }: { id: number }) {
  const { pending, formProps, messageProps } = useFormAction(requeueDeliveryAction, { guardUnsaved: false });
  return (
    <form {...formProps} className="inline">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 disabled:opacity-60"
      >
        重新发送<span className="sr-only">第 {id} 条</span>
      </button>
      <InlineFailure {...messageProps} />
    </form>
  );
}

/** The automatic notices' thresholds: due-day reminders, review waiting, escalation, milestones, the digest's time. */
export function NoticeRulesForm({
  rules,
  version,
}: {
  rules: { dueDays: number[]; reviewWaitDays: number; escalateAfterDays: number; milestoneDueDays: number; digestAt: string };
  version: number;
}) {
  const { state, pending, formProps, messageProps } = useFormAction(noticeRulesAction);
  const fields = [
    { name: "dueDays", label: "报告到期前提醒（距截止天数，逗号分隔）", value: rules.dueDays.join(",") },
    { name: "reviewWaitDays", label: "待审核超过几天提醒审核人", value: String(rules.reviewWaitDays) },
    {
      name: "escalateAfterDays",
      label: "提醒几天未处理即逐级提醒（填报人 → 单位负责人 → 省生态环境厅）",
      value: String(rules.escalateAfterDays),
    },
    { name: "milestoneDueDays", label: "节点到期前几天提醒", value: String(rules.milestoneDueDays) },
    { name: "digestAt", label: "每日汇总发送时间（北京时间 HH:MM）", value: rules.digestAt },
  ] as const;
  return (
    <form {...formProps} aria-label="自动提醒规则" className="space-y-3" noValidate key={version}>
      <input type="hidden" name="version" value={version} />
      {fields.map((field) => (
        <FormField key={field.name} id={`rules-${field.name}`} label={field.label} state={state} name={field.name}>
          <input
            id={`rules-${field.name}`}
            name={field.name}
            defaultValue={state.values[field.name] ?? field.value}
            {...invalidProps(state, field.name, `rules-${field.name}`)}
            className={INPUT}
          />
        </FormField>
      ))}
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 text-white disabled:opacity-60 sm:min-h-0"
      >
        保存提醒规则
      </button>
      <FormMessage {...messageProps} />
    </form>
  );
}
